import { AstUtils, type AstNode, type Reference } from 'langium';
import { isCodeTable, isExceptionHandler, isInterface, isMapping, isMessage, isMonitor, isSegment, isSite, isSystem, type Mapping, type Segment, type Standard } from '../language/generated/ast.js';
import { firstHl7v2VersionWith } from '../dictionaries/hl7v2-first-version.js';
import { hl7v2VersionStatus } from '../dictionaries/index.js';
import { isHl7v2DataType } from '../dictionaries/hl7v2.js';
import { checkCodeTable, checkSharedTable, governingTables } from './code-tables.js';
import { interfaceStandard, lookupMappedField, mappingKind } from '../model/field-kinds.js';
import { unknownFieldMessage } from './unknown-field-message.js';
import { selectedAuthority } from '../dictionaries/path-forms.js';
import { fhirWhereProblem } from './fhirpath-filters.js';
import { checkDateTimePairs, checkMappingZone, checkSiteZone } from './zone-checks.js';
import { siteZoneOf } from '../model/time-zones.js';
import { statusCodeProblems } from '../model/correction-codes.js';
import { orderControlProblems } from './order-control-codes.js';
import { masterDataNameKey, masterDataNames } from '../model/near-duplicates.js';
import { units } from './units-rule.js';
import { alertPartiesOf } from './stub-values.js';
import { authorityKey, carriesPhi, codeTargetKey, descendantsOfType, deviceModelKey, isPlaceholder, isPlaceholderCode, isServiceAccount, listText, mappingAuthority, mappingsOf, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import type { RuleCheck, RuleContext } from './rule.js';

/** Accepted version forms per standard (names compared case-insensitively). */
const VERSION_FORMS: Record<string, { pattern: RegExp, example: string }> = {
    hl7v2: { pattern: /^2\.[1-9](\.\d+)?$/, example: 'HL7v2 "2.5.1"' },
    fhir: { pattern: /^(DSTU2|STU3|R4|R4B|R5|R6|[1-6]\.\d+\.\d+)$/i, example: 'FHIR R4' },
    dicom: { pattern: /^(\d{4}[a-e]|3\.0|3)$/i, example: 'DICOM "2024b"' }
};
/** Names that mean a family, not a standard one can test against. */
const VAGUE_STANDARDS = new Set(['hl7', 'hl7v3', 'api', 'interface', 'custom', 'proprietary']);
/** Standards without versions of their own. */
const UNVERSIONED_STANDARDS = new Set(['file', 'barcode', 'csv']);

const standardVersion: RuleCheck = {
    id: 'standard-version',
    check({ model, report }) {
        for (const node of model.elements.filter(isInterface)) {
            const standard = node.standard;
            if (!standard) {
                report(node, `Interface '${node.name}' declares no standard; write \`standard HL7v2 "2.5.1"\`, \`standard FHIR R4\`, \`standard DICOM "2024b"\` or \`standard REST openapi "<file>"\`.`, {
                    property: 'name'
                });
                continue;
            }
            if (!standard.name) {
                continue; // `standard 2.5.1`: a syntax error already says the name is missing
            }
            const name = standard.name.toLowerCase();
            const version = standard.version === undefined ? undefined : String(standard.version);
            if (VAGUE_STANDARDS.has(name)) {
                report(standard, `'${standard.name}' is a family, not a testable standard; say which one and pin its version, e.g. \`standard HL7v2 "2.5.1"\` or \`standard FHIR R4\`.`);
            } else if (name === 'rest') {
                if (isPlaceholder(standard.openapi)) {
                    report(standard, 'A REST interface pins its contract: write `standard REST openapi "<path or URL of the OpenAPI document>"`.', {
                        fix: standard.openapi === undefined ? { title: 'Add an OpenAPI reference placeholder', target: standard, inline: ' openapi "TODO"' } : undefined
                    });
                }
            } else if (!UNVERSIONED_STANDARDS.has(name)) {
                const form = VERSION_FORMS[name];
                if (version === undefined || isPlaceholder(version)) {
                    report(standard, `Standard '${standard.name}' is not pinned to a version; write e.g. \`standard ${form?.example ?? `${standard.name} "<version>"`}\`.`, {
                        fix: version === undefined ? { title: 'Add a version placeholder', target: standard, inline: ' "TODO"' } : undefined
                    });
                } else {
                    checkVersion(standard, 'version', version, form, report);
                }
                if (standard.targetVersion !== undefined) {
                    checkVersion(standard, 'targetVersion', String(standard.targetVersion), form, report);
                }
            }
        }
    }
};

/** A pinned version has the standard's form and, for HL7 v2, is a released one (HL7 table 0104): `2.9.9` is not. */
function checkVersion(standard: Standard, property: 'version' | 'targetVersion', version: string, form: { pattern: RegExp, example: string } | undefined,
    report: RuleContext['report']): void {
    if (isPlaceholder(version)) {
        report(standard, `The receiver's version of '${standard.name}' is a placeholder; write it, e.g. \`standard ${form?.example ?? standard.name} -> "<version>"\`.`, { property });
    } else if (form && !form.pattern.test(version)) {
        report(standard, `'${version}' is not a ${standard.name} version; write e.g. \`standard ${form.example}\`.`, { property });
    } else if (standard.name.toLowerCase() === 'hl7v2' && hl7v2VersionStatus(version)?.status === 'unknown') {
        report(standard, `'${version}' is not a released HL7 v2 version (HL7 table 0104 lists 2.1 to 2.9, and 2.9.1 followed); write e.g. \`standard ${form?.example}\`.`, { property });
    }
}

/**
 * Identifier type codes that say what an identifier is but not who assigns it (HL7 table 0203: MR, PI, PN, ...;
 * UR is the Australian "unit record" number). Several sites each issuing "MRN" need the issuer named (PID-3.4).
 */
const IDENTIFIER_TYPE_WORDS = new Set(['mrn', 'mr', 'ur', 'urn', 'ur number', 'id', 'pid', 'pi', 'pn', 'pt', 'patient id', 'patient number', 'hospital number', 'medical record number', 'chart number']);
/** Words that say only that the issuer is "ours": in a workspace of several sites every one of them is local. */
const LOCAL_ISSUER_WORDS = new Set(['local', 'local id', 'local number', 'local mrn', 'internal', 'internal id', 'hospital', 'site', 'facility', 'sender', 'default']);

function normalAuthority(authority: string): string {
    return authority.trim().toLowerCase().replace(/[.\s]+/g, ' ').trim();
}

function isTypeWordOnly(authority: string): boolean {
    const normal = normalAuthority(authority);
    return IDENTIFIER_TYPE_WORDS.has(normal) || LOCAL_ISSUER_WORDS.has(normal);
}

const patientIdentity: RuleCheck = {
    id: 'patient-identity',
    check({ model, workspace, report }) {
        for (const node of model.elements.filter(isInterface)) {
            const identifiers = mappingsOf(node).filter(m => mappingAuthority(m) !== undefined || mappingKind(m) === 'identifier');
            for (const mapping of identifiers) {
                const authority = mappingAuthority(mapping);
                const selected = selectedAuthority(mapping.source);
                if (selected !== undefined && mapping.authority !== undefined && authorityKey(selected) !== authorityKey(mapping.authority)) {
                    report(mapping, `${mapping.source} selects the repetition issued by "${selected}" but declares authority "${mapping.authority}"; one identifier has one assigning authority: drop one or make them agree.`, { property: 'authority' });
                } else if (!isPlaceholder(authority) && workspace.sites.length > 1 && isTypeWordOnly(authority!)) {
                    report(mapping, `"${authority}" ${LOCAL_ISSUER_WORDS.has(normalAuthority(authority!)) ? 'says only that the issuer is local' : 'names a kind of identifier'}, not who issued it; with ${workspace.sites.length} sites in this workspace, name the assigning authority (e.g. "${authority} of <hospital>, <OID>", or the component that carries the issuer).`, { property: mapping.authority !== undefined ? 'authority' : 'source' });
                } else if (isPlaceholder(authority)) {
                    report(mapping, `Identifier ${mapping.source} is mapped without its assigning authority; add \`identifier authority "<MRN, national id, …>"\`.`, {
                        property: 'source',
                        fix: mapping.authority === undefined ? { title: 'Add an identifier authority placeholder', target: mapping, inline: ' identifier authority "TODO"' } : undefined
                    });
                }
            }
            if (carriesPhi(node, workspace) && !identifiers.some(m => !isPlaceholder(mappingAuthority(m)))) {
                report(node, `Interface '${node.name}' carries patient data but maps no patient identifier with its assigning authority; add a mapping such as \`PID-3 -> Patient.identifier identifier authority "MRN"\`.`, {
                    property: 'name'
                });
            }
        }
    }
};


const timestamps: RuleCheck = {
    id: 'timestamps',
    check({ model, report }) {
        for (const site of model.elements.filter(isSite)) {
            checkSiteZone(site, report);
        }
        for (const message of descendantsOfType(model, isMessage)) {
            checkDateTimePairs(message, report);
        }
        for (const mapping of descendantsOfType(model, isMapping)) {
            if (mapping.siteTimezone) {
                // `timezone site`: the zone of the sending site, so every site of the interface must declare one.
                const iface = AstUtils.getContainerOfType(mapping, isInterface);
                const sites = iface?.sites.map(site => site.ref).filter(site => site !== undefined) ?? [];
                if (iface && iface.sites.length === 0) {
                    report(mapping, `${mapping.source} takes the time zone of the sending site, but interface '${iface.name}' lists no \`sites\`; list them, or write the zone.`, { property: 'siteTimezone' });
                }
                for (const site of sites) {
                    if (site.timezone === undefined || isPlaceholder(site.timezone)) {
                        report(mapping, `${mapping.source} takes the time zone of the sending site, but site '${site.name}' declares none; add \`timezone "<IANA zone>"\` to site '${site.name}'.`, { property: 'siteTimezone' });
                    } else if (!siteZoneOf(site)) {
                        report(mapping, `${mapping.source} takes the time zone of the sending site, but the zone of site '${site.name}', '${site.timezone}', is not one IANA zone; write it as one, e.g. \`timezone "Europe/Berlin"\`.`, { property: 'siteTimezone' });
                    }
                }
            } else if (mapping.timezone !== undefined) {
                checkMappingZone(mapping, report);
            } else if (mapping.clock !== undefined) {
                if (isPlaceholder(mapping.clock)) {
                    report(mapping, 'Name the clock source, e.g. `clock "NTP-synchronised analyser clock"`.', { property: 'clock' });
                } else {
                    checkMappingZone(mapping, report);
                }
            } else if (mappingKind(mapping) === 'timestamp') {
                report(mapping, `Timestamp ${mapping.source} is mapped without a time zone or clock source; add \`timezone "<IANA zone>"\` (or \`clock "<source>"\`).`, {
                    property: 'source',
                    fix: { title: 'Add a time zone placeholder', target: mapping, inline: ' timezone "TODO"' }
                });
            }
        }
    }
};

/** HL7 v2 coded types that carry their coding system with each code (CWE.3, CE.3, CNE.3). */
const CODED_WITH_SYSTEM = new Set(['CWE', 'CE', 'CNE']);

/**
 * Whether a mapping passes codes through with their coding system: an HL7 v2 CWE/CE/CNE whose table the standard
 * leaves to an external system (OBX-3 LOINC, OBR-4 orderables; no HL7-fixed codes) into a FHIR CodeableConcept or
 * Coding, which keeps code and system together (FHIR R4 datatypes). Nothing is translated, so there is no code map
 * to write; a code the receiver does not know stays recognisable by its system.
 */
function passesCodeSystemThrough(mapping: Mapping): boolean {
    const source = lookupMappedField(mapping, 'source')?.result;
    const target = lookupMappedField(mapping, 'target')?.result;
    if (source?.status !== 'known' || target?.status !== 'known' || source.field.standard !== 'HL7v2' || target.field.standard !== 'FHIR') {
        return false;
    }
    return CODED_WITH_SYSTEM.has(source.field.dataType) && !source.field.codes?.length
        && /^(CodeableConcept|Coding)$/.test(target.field.dataType);
}

const codedValues: RuleCheck = {
    id: 'coded-values',
    check({ model, workspace, report }) {
        for (const table of model.elements.filter(isCodeTable)) {
            checkCodeTable(table, report);
        }
        for (const node of model.elements.filter(isInterface)) {
            for (const { map, message, fix } of [...statusCodeProblems(node, workspace), ...orderControlProblems(node)]) {
                report(map, message, { keyword: '{', fix });
            }
        }
        for (const mapping of descendantsOfType(model, isMapping)) {
            const map = mapping.codes;
            if (mapping.table) {
                continue; // a governed code table holds the codes; its own governance is checked on the table
            }
            if (!map) {
                // A unit field whose mapping declares its unit system (`units UCUM`) is handled by the units.
                if (mappingKind(mapping) === 'code' && !mapping.units && !mapping.analyteUnits && !passesCodeSystemThrough(mapping)) {
                    report(mapping, `${mapping.source} is a coded field mapped without a code map; add \`codes { <source> -> <target>, … } receives <codes the sender sends>\`, or \`codes table <code table>\` for a catalogue.`, {
                        property: 'source'
                    });
                }
                continue;
            }
            const mapped = new Set(map.entries.map(entry => String(entry.source)));
            const unmapped = map.receives.map(String).filter(code => !mapped.has(code));
            if (unmapped.length > 0) {
                report(map, `${mapping.source} can receive ${listText(unmapped)} but the code map does not map ${unmapped.length > 1 ? 'them' : 'it'}; add \`${unmapped[0]} -> <target code>\`.`, {
                    keyword: 'receives',
                    fix: { title: `Add code map entries for ${listText(unmapped)}`, target: map, beforeClose: `${map.entries.length > 0 ? ', ' : ''}${unmapped.map(code => `${code} -> TODO`).join(', ')} ` }
                });
            } else if (map.receives.length === 0 && map.entries.length > 0) {
                report(map, `The code map of ${mapping.source} does not say which codes the sender sends; add \`receives <code>, …\` so unmapped codes are caught.`, { property: 'entries', index: 0 });
            }
            map.entries.forEach((entry, index) => {
                if (isPlaceholderCode(String(entry.target))) {
                    report(map, `Code ${entry.source} is mapped to a placeholder; write the target code.`, { property: 'entries', index });
                }
            });
        }
    }
};

/**
 * Mapped paths exist in the standard's published definition (HL7 v2 fields, FHIR elements, DICOM tags), in the
 * version the interface declares. A path both sides name (`TQ1-9 -> TQ1-9`) is reported once.
 */
const knownFields: RuleCheck = {
    id: 'known-fields',
    check({ model, workspace, report }) {
        for (const segment of model.elements.filter(isSegment)) {
            checkSegmentDeclaration(segment, report);
        }
        for (const mapping of descendantsOfType(model, isMapping)) {
            let reported: string | undefined;
            for (const side of ['source', 'target'] as const) {
                const filter = mapping[side] ? fhirWhereProblem(mapping[side]) : undefined;
                if (filter) {
                    report(mapping, filter, { property: side });
                    continue;
                }
                // A path both sides name (`(0029,1010) -> (0029,1010)`) is reported once.
                const problem = (mapping[side] ? dicomTagProblem(mapping, side) : undefined) ?? zSegmentProblem(mapping, side, workspace);
                if (problem) {
                    if (problem.message !== reported) report(mapping, problem.message, { property: side, severity: problem.severity });
                    reported = problem.message;
                    continue;
                }
                const lookup = lookupMappedField(mapping, side);
                if (lookup?.result.status !== 'unknown') {
                    continue;
                }
                const key = `${lookup.standard}\u0000${lookup.version ?? ''}\u0000${lookup.path}`;
                if (key === reported) {
                    continue;
                }
                reported = key;
                const { message, severity } = unknownFieldMessage(lookup.standard, lookup.path, lookup.version, lookup.result, side);
                const suggestion = lookup.result.suggestion;
                // A source field the declared version lacks but a later one has (TQ1-9 in v2.3.1): offer that version.
                const gated = !suggestion ? versionGatedField(mapping, side) : undefined;
                report(mapping, message, {
                    property: side,
                    severity,
                    fix: suggestion ? { title: `Replace with '${suggestion}'`, target: mapping, replace: { property: side, text: suggestion } }
                        : gated ? { title: `Declare HL7v2 "${gated.first}" (the first version with ${lookup.path})`, target: gated.standard, replace: { property: 'version', text: `"${gated.first}"` } }
                        : undefined
                });
            }
        }
    }
};

/** A Z-segment declaration names a site-defined segment, each field once, with an HL7 v2 data type. */
function checkSegmentDeclaration(segment: Segment, report: RuleContext['report']): void {
    if (!/^Z[A-Z0-9]{2}$/i.test(segment.name)) {
        report(segment, `'${segment.name}' is not a Z-segment name: site-defined segments are named Z and two letters or digits (ZPI, ZOB); standard segments are already in the HL7 v2 dictionary.`, { property: 'name' });
    }
    const seen = new Set<number>();
    segment.fields.forEach((field, index) => {
        if (seen.has(field.position) || field.position < 1 || !Number.isInteger(field.position)) {
            report(segment, `${segment.name}-${field.position} is declared twice or is not a field position (1, 2, …); give each field its own position.`, { property: 'fields', index });
        }
        seen.add(field.position);
        if (!isHl7v2DataType(undefined, field.dataType)) {
            report(field, `'${field.dataType}' is not an HL7 v2 data type; write one such as ST, NM, CWE, CX, DTM or XPN.`, { property: 'dataType' });
        }
    });
}

/**
 * A field of a Z-segment: when the workspace declares the segment, a field it lacks is an error (like a standard
 * segment's); an undeclared Z-segment is an info while other Z-segments are declared (nothing to check it against).
 */
function zSegmentProblem(mapping: Mapping, side: 'source' | 'target', workspace: WorkspaceIndex): { message: string, severity?: 'info' } | undefined {
    const path = mapping[side];
    const match = path ? /^(Z[A-Za-z0-9]{2})-(\d+)/.exec(path) : null;
    if (!match || !interfaceStandard(AstUtils.getContainerOfType(mapping, isInterface)) || workspace.segments.size === 0) return undefined;
    const segment = workspace.segments.get(match[1]);
    if (!segment) {
        return { message: `${match[1]} is not declared in this workspace, so ${path} cannot be checked; declare it once: \`segment ${match[1]} { field ${match[2]} <data type> "<name>" }\`.`, severity: 'info' };
    }
    const lookup = lookupMappedField(mapping, side)?.result;
    if (lookup?.status !== 'unknown') return undefined;
    const fields = segment.fields.map(field => `${segment.name}-${field.position}`);
    return { message: `${path} is not a field of ${segment.name} as declared (${fields.length > 0 ? listText(fields) : 'no fields'}); declare the field, or map one that exists.` };
}

/** A private DICOM tag names its private creator (PS3.5 7.8.1); a retired attribute is a warning (PS3.6). */
function dicomTagProblem(mapping: Mapping, side: 'source' | 'target'): { message: string, severity?: 'warning' } | undefined {
    const path = mapping[side];
    const declared = interfaceStandard(AstUtils.getContainerOfType(mapping, isInterface));
    if (!declared) return undefined;
    const tag = /^\(([0-9A-Fa-f]{4}),([0-9A-Fa-f]{4})\)$/.exec(path);
    if (tag && /[13579BDF]$/i.test(tag[1])) {
        const element = parseInt(tag[2], 16);
        // (gggg,0010-00FF) are the private creator elements themselves; (gggg,0000-000F) group length and reserved.
        if (element >= 0x1000) {
            const block = tag[2].slice(0, 2), offset = tag[2].slice(2);
            return { message: `${path} is a private tag: its meaning belongs to the private creator that reserved block ${block} of group ${tag[1]}, and another vendor's data can sit at the same tag; name the creator: \`(${tag[1]},"<private creator>",${offset})\`.` };
        }
        return undefined;
    }
    const lookup = lookupMappedField(mapping, side)?.result;
    if (lookup?.status === 'known' && lookup.field.standard === 'DICOM' && lookup.field.retired) {
        return { message: `${path} (${lookup.field.name}) is retired from DICOM (PS3.6): current senders may leave it empty; map the attribute that replaced it.`, severity: 'warning' };
    }
    return undefined;
}

/** The interface's declared HL7 v2 version and the first version with a source field it lacks, if one has it. */
function versionGatedField(mapping: Mapping, side: 'source' | 'target') {
    const node = AstUtils.getContainerOfType(mapping, isInterface);
    const declared = interfaceStandard(node);
    const path = mapping[side];
    if (side !== 'source' || declared?.standard !== 'HL7v2' || !declared.version || !node?.standard?.version || !path) return undefined;
    const first = firstHl7v2VersionWith(path, declared.version);
    return first ? { declared: declared.version, first, standard: node.standard } : undefined;
}

/**
 * Names and codes several sites share must be spelled one way: the master-data problem of multi-site rollouts.
 * The first spelling in the workspace (document order) is the reference; it comes from the workspace index,
 * computed once per build, so checking a file walks only that file's sites and mappings.
 */
const masterData: RuleCheck = {
    id: 'master-data',
    check({ model, workspace, report }) {
        const facts = workspace.masterData;
        // The same device model carries the same name everywhere.
        for (const site of model.elements.filter(isSite)) {
            for (const device of site.baseline?.devices ?? []) {
                if (isPlaceholder(device.model)) {
                    continue;
                }
                const first = facts.deviceNames.get(deviceModelKey(device.model!));
                if (first && first.name !== device.name) {
                    report(device, `Device model "${device.model}" is called '${first.name}' at site ${first.site} but '${device.name}' here; use one name for it at every site.`, { property: 'name' });
                }
            }
        }
        // Device, location and exam names retyped with another case, spacing or punctuation.
        for (const name of masterDataNames(model)) {
            const first = facts.spellings.get(masterDataNameKey(name));
            if (first && first.text !== name.text) {
                report(name.node, `${capitalised(name.kind)} '${name.text}' differs from '${first.text}' (${first.where}) only in case, spacing or punctuation: retyped master data that reports and matching will treat as two. Use one spelling.`, {
                    property: name.property, index: name.index
                });
            }
        }
        // One spelling per identifier authority, and one target code per source code of a field sent to one system.
        const sharedTables = governingTablesOf(workspace);
        for (const node of model.elements.filter(isInterface)) {
            for (const mapping of mappingsOf(node)) {
                const authority = mappingAuthority(mapping);
                if (authority !== undefined && !isPlaceholder(authority)) {
                    const first = facts.authorities.get(authorityKey(authority));
                    if (first !== undefined && first !== authority) {
                        report(mapping, `Identifier authority "${authority}" is spelled "${first}" elsewhere; use one spelling so identifiers match across interfaces.`, { property: mapping.authority !== undefined ? 'authority' : 'source' });
                    }
                }
                checkSharedTable(node, mapping, sharedTables, workspace, report);
                mapping.codes?.entries.forEach((entry, index) => {
                    const first = facts.codeTargets.get(codeTargetKey(node, mapping, String(entry.source)));
                    if (first && first.target !== String(entry.target) && !isPlaceholderCode(String(entry.target))) {
                        report(mapping.codes!, `Code ${entry.source} of ${mapping.source} -> ${mapping.target} maps to '${entry.target}' here but to '${first.target}' in ${first.where}; declare the meaning once and map it the same way.`, {
                            property: 'entries', index
                        });
                    }
                });
            }
        }
    }
};

/** The code table governing each receiving field, once per workspace index (not once per checked file). */
const GOVERNING_TABLES = new WeakMap<WorkspaceIndex, ReturnType<typeof governingTables>>();

function governingTablesOf(workspace: WorkspaceIndex): ReturnType<typeof governingTables> {
    let tables = GOVERNING_TABLES.get(workspace);
    if (!tables) {
        tables = governingTables(workspace.interfaces);
        GOVERNING_TABLES.set(workspace, tables);
    }
    return tables;
}

const alertRouting: RuleCheck = {
    id: 'alert-routing',
    check({ model, workspace, report }) {
        // A service account reads no alert and answers no escalation (a monitor's owner is the `monitoring` rule's).
        const routed: Array<{ node: AstNode, parties: Reference[], property: string, what: string }> = [
            ...descendantsOfType(model, isMonitor).map(monitor =>
                ({ node: monitor as AstNode, parties: monitor.alertsTo as Reference[], property: 'alertsTo', what: `The alerts of ${interfaceName(monitor.$container)} go to` })),
            ...model.elements.filter(isSystem).map(system => ({ node: system as AstNode, parties: system.alertsTo as Reference[], property: 'alertsTo', what: `The alerts of '${system.name}' go to` })),
            ...descendantsOfType(model, isExceptionHandler).filter(h => h.escalation).map(handler => ({ node: handler as AstNode, parties: [handler.escalation!] as Reference[], property: 'escalation', what: `The '${handler.scenario}' handler escalates to` }))
        ];
        for (const { node, parties, property, what } of routed) {
            parties.forEach((party, index) => {
                if (isServiceAccount(refName(party), workspace)) {
                    report(node, `${what} ${refName(party)}, a service account that no person reads; route to a team or a person's role.`, { property, index: property === 'escalation' ? undefined : index });
                }
            });
        }
        for (const monitor of descendantsOfType(model, isMonitor)) {
            if (monitor.alertsTo.length === 0) {
                const owner = interfaceName(monitor.$container);
                // Those the interface's handlers escalate to (else its owner) act on its alerts too.
                const parties = isInterface(monitor.$container) ? alertPartiesOf(monitor.$container, workspace) : [];
                report(monitor, `The alerts of ${owner} reach nobody; add \`alerts to <team or role>\`: the operational owner who acts on them.`, {
                    keyword: 'monitor',
                    fix: parties.length > 0 ? { title: `Send the alerts to ${parties.join(', ')}`, target: monitor, lines: [`alerts to ${parties.join(', ')}`] } : undefined
                });
            }
        }
        for (const system of model.elements.filter(isSystem)) {
            if (system.medicalDevice && system.alertsTo.length === 0) {
                // The device's owner acts on its alarms unless the spec says otherwise.
                const owner = refName(system.owners[0]);
                report(system, `Device alerts of '${system.name}' reach nobody; add \`alerts to <team or role>\`.`, {
                    property: 'name',
                    fix: owner && !isServiceAccount(owner, workspace) ? { title: `Send the alerts to ${owner}`, target: system, lines: [`alerts to ${owner}`] } : undefined
                });
            }
        }
    }
};

function interfaceName(node: unknown): string {
    return isInterface(node) ? `interface '${node.name}'` : 'this monitor';
}

function capitalised(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

export const interoperabilityRules: RuleCheck[] = [standardVersion, patientIdentity, units, timestamps, codedValues, knownFields, masterData, alertRouting];
