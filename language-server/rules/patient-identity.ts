import { selectedAuthority } from '../dictionaries/path-forms.js';
import { isInterface } from '../language/generated/ast.js';
import { mappingKind } from '../model/field-kinds.js';
import { authorityKey, carriesPhi, isPlaceholder, mappingAuthority, mappingsOf } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

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

export const patientIdentityRule: Rule = {
    id: 'patient-identity',
    area: 'interoperability',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'An interface that carries patient data maps a patient identifier with its assigning authority.',
    description: 'Patient matching fails in the edge cases (merged or split records) when the identifier is mapped '
        + 'without saying which authority assigned it. An interface that carries PHI maps at least one identifier '
        + 'with `identifier authority "<authority>"`, and every identifier mapping names its authority. A mapping of '
        + 'the authority itself (PID-3.4, Identifier.system, IssuerOfPatientID) needs none.',
    options: NO_OPTIONS,
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
