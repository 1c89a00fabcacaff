import { AstUtils } from 'langium';
import { DICOM_SERVICES } from '../dictionaries/dicom-services.js';
import { listFhirResources } from '../dictionaries/fhir.js';
import { firstHl7v2VersionWithMessage, listHl7v2Messages, lookupHl7v2Message } from '../dictionaries/hl7v2-messages.js';
import { resolveHl7v2Version } from '../dictionaries/hl7v2.js';
import { closestAmong } from '../dictionaries/suggest.js';
import { isInterface, isMessage, type Message } from '../language/generated/ast.js';
import { placesOf } from '../model/conformance-profile.js';
import { declaredSegmentsOf } from '../model/declared-segments.js';
import { interfaceStandard, lookupMappedField } from '../model/field-kinds.js';
import { messageMappings } from '../model/mapping-conditions.js';
import { descendantsOfType } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';

type Report = RuleContext['report'];

/** The segment of every HL7 v2 source path belongs to the declared message type's structure in that version. */
export const messageStructureRule: Rule = {
    id: 'message-structure',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'The message type exists in the declared standard and version, and mapped HL7 v2 segments belong to its structure.',
    description: 'A mapping from a segment the message does not carry (PV1 in an ORU^R01 of v2.3.1, ORC in an ADT^A01) '
        + 'never receives data: the field stays empty in production. The segment of each HL7 v2 source path is checked '
        + 'against the structure of the message type (table 0354) in the declared version, and the message type against the '
        + 'types that version defines.',
    options: NO_OPTIONS,
    check({ model, report }) {
        for (const message of descendantsOfType(model, isMessage)) {
            const declared = interfaceStandard(AstUtils.getContainerOfType(message, isInterface));
            if (!message.type) continue;
            if (declared?.standard === 'FHIR') {
                checkFhirMessage(report, message, declared.version);
                continue;
            }
            if (declared?.standard === 'DICOM') {
                checkDicomMessage(report, message);
                continue;
            }
            if (declared?.standard !== 'HL7v2') continue;
            const structure = lookupHl7v2Message(declared.version, message.type);
            if (structure === 'unsupported') continue;
            if (structure === undefined) {
                reportUnknownMessage(report, message, declared.version);
                continue;
            }
            for (const mapping of messageMappings(message)) {
                const source = lookupMappedField(mapping, 'source');
                if (source?.standard !== 'HL7v2' || source.result.status !== 'known') continue;
                const segment = source.result.field.path.slice(0, 3);
                // Z-segments are site-defined and may stand anywhere in a message (HL7 v2.5.1 2.8.2); a segment the
                // workspace declares (`segment SAC { … }`: the site's profile of the message) is the spec's to place.
                if (structure.segments.has(segment) || /^Z/i.test(segment) || declaredSegmentsOf(mapping)?.get(segment)) continue;
                // So is a segment the conformance profile the message follows lists (`message ORU^R01 profile …`): the
                // profile is the implementation guide's or the vendor's variant of the base structure (profile-usage
                // checks the mapping against it).
                const profile = message.profile?.ref;
                if (profile && placesOf(profile, segment).length > 0) continue;
                if (profile) {
                    report(mapping, `Segment ${segment} is not part of ${message.type} (structure ${structure.structure}, HL7 v${structure.version}), and the profile `
                        + `${profile.name} the message follows does not add it: a sender that follows the profile never fills ${source.path}. Map a segment of the `
                        + `profile, or add ${segment} to ${profile.name} where the sender's specification places it.`, { property: 'source' });
                    continue;
                }
                // Without a profile the spec has not said which variant of the message the sender sends: implementation
                // guides and vendors add standard segments to base structures (NK1 to ORM^O01, SAC to ORU^R01), and HL7 v2's
                // message construction rules have a recipient ignore, not reject, a segment it did not expect (chapter 2, rules for
                // the recipient: 2.6.2 in v2.7.1). So it asks.
                report(mapping, `Segment ${segment} is not part of ${message.type} (structure ${structure.structure}, HL7 v${structure.version}): `
                    + `a sender of the base structure never puts ${source.path} in this message. If an implementation guide or the vendor's profile adds it, `
                    + `say so: \`message ${message.type} profile <profile>\` (or \`segment ${segment} { … }\`); otherwise map a segment of ${structure.structure} `
                    + `or declare the message type that carries ${segment}.`, {
                    property: 'source', severity: 'info'
                });
            }
        }
    }
};

/**
 * A FHIR interface's message is the resource it exchanges (`DiagnosticReport`, `Bundle`): a capitalised name that
 * is not a resource of the declared release is a typo or a data type. Lower-case names (FHIR messaging event codes
 * such as `patient-link`) are not resource names and are left alone.
 */
function checkFhirMessage(report: Report, message: Message, version: string | undefined): void {
    if (!/^[A-Z][A-Za-z]*$/.test(message.type)) return;
    const known = listFhirResources(version);
    if (known.length === 0 || known.includes(message.type)) return;
    const suggestion = closestAmong(message.type, known);
    report(message, `${message.type} is not a resource of FHIR ${version ?? 'R4'}; a FHIR message exchanges a resource (or a Bundle of them)`
        + `${suggestion ? `: did you mean ${suggestion}?` : '.'}`, {
        property: 'type',
        fix: suggestion ? { title: `Replace with ${suggestion}`, target: message, replace: { property: 'type', text: suggestion } } : undefined
    });
}

/** A DICOM interface's message names a DIMSE or DICOMweb service (`C-STORE`, `C-FIND`, `STOW-RS`). */
function checkDicomMessage(report: Report, message: Message): void {
    if (DICOM_SERVICES.includes(message.type.toUpperCase())) return;
    const suggestion = closestAmong(message.type.toUpperCase(), DICOM_SERVICES);
    report(message, `${message.type} is not a DICOM service; a DICOM message is a DIMSE service of PS3.7 (C-STORE, C-FIND, C-MOVE, N-CREATE …) `
        + `or a DICOMweb service of PS3.18 (STOW-RS, QIDO-RS, WADO-RS)${suggestion ? `: did you mean ${suggestion}?` : '.'}`, {
        property: 'type',
        fix: suggestion ? { title: `Replace with ${suggestion}`, target: message, replace: { property: 'type', text: suggestion } } : undefined
    });
}

/** A message type the declared version does not define: a later version that has it, or the closest one that exists. */
function reportUnknownMessage(report: Report, message: Message, version: string | undefined): void {
    const resolved = resolveHl7v2Version(version);
    const later = version ? firstHl7v2VersionWithMessage(message.type, version) : undefined;
    if (later) {
        report(message, `${message.type} is not a message type of HL7 v${resolved}; it arrived in v${later}. Declare the version the sender speaks, or the message type it sends.`, { property: 'type' });
        return;
    }
    const known = listHl7v2Messages(version).map((candidate) => candidate.type);
    const suggestion = closestAmong(message.type, known.filter((type) => type.slice(0, 3) === message.type.slice(0, 3).toUpperCase()))
        ?? closestAmong(message.type, known);
    report(message, `${message.type} is not a message type of HL7 v${resolved} (table 0354 and its message definitions)${suggestion ? `; did you mean ${suggestion}?` : '.'}`, {
        property: 'type',
        fix: suggestion ? { title: `Replace with ${suggestion}`, target: message, replace: { property: 'type', text: suggestion } } : undefined
    });
}
