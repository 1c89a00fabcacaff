import { AstUtils, type AstNode, type Reference } from 'langium';
import { isCodeTable, isExceptionHandler, isInterface, isMapping, isMonitor, isSite, isSystem, type Mapping, type Standard } from '../generated/ast.js';
import { firstHl7v2VersionWith } from '../dictionaries/hl7v2-first-version.js';
import { hl7v2VersionStatus } from '../dictionaries/index.js';
import { checkCodeTable, checkSharedTable, governingTables } from './code-tables.js';
import { interfaceStandard, lookupMappedField, mappingKind } from './field-kinds.js';
import { unknownFieldMessage } from './unknown-field-message.js';
import { fhirWhereProblem } from './fhirpath-filters.js';
import { alertPartiesOf } from './stub-values.js';
import {
    authorityKey, carriesPhi, codeTargetKey, descendantsOfType, deviceModelKey, isPlaceholder, isPlaceholderCode, isServiceAccount, listText,
    mappingsOf, refName, type RuleCheck, type RuleContext, type WorkspaceIndex
} from './rule-context.js';

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

function isTypeWordOnly(authority: string): boolean {
    return IDENTIFIER_TYPE_WORDS.has(authority.trim().toLowerCase().replace(/[.\s]+/g, ' ').trim());
}

const patientIdentity: RuleCheck = {
    id: 'patient-identity',
    check({ model, workspace, report }) {
        for (const node of model.elements.filter(isInterface)) {
            const identifiers = mappingsOf(node).filter(m => m.authority !== undefined || mappingKind(m) === 'identifier');
            for (const mapping of identifiers) {
                if (!isPlaceholder(mapping.authority) && workspace.sites.length > 1 && isTypeWordOnly(mapping.authority!)) {
                    report(mapping, `"${mapping.authority}" names a kind of identifier, not who issued it; with ${workspace.sites.length} sites in this workspace, name the assigning authority (e.g. "${mapping.authority} of <hospital>, <OID>", or the component that carries the issuer).`, { property: 'authority' });
                } else if (isPlaceholder(mapping.authority)) {
                    report(mapping, `Identifier ${mapping.source} is mapped without its assigning authority; add \`identifier authority "<MRN, national id, …>"\`.`, {
                        property: 'source',
                        fix: mapping.authority === undefined ? { title: 'Add an identifier authority placeholder', target: mapping, inline: ' identifier authority "TODO"' } : undefined
                    });
                }
            }
            if (carriesPhi(node, workspace) && !identifiers.some(m => !isPlaceholder(m.authority))) {
                report(node, `Interface '${node.name}' carries patient data but maps no patient identifier with its assigning authority; add a mapping such as \`PID-3 -> Patient.identifier identifier authority "MRN"\`.`, {
                    property: 'name'
                });
            }
        }
    }
};

const units: RuleCheck = {
    id: 'units',
    check({ model, report }) {
        for (const mapping of descendantsOfType(model, isMapping)) {
            const declared = mapping.units;
            if (!declared) {
                if (mappingKind(mapping) === 'quantity') {
                    report(mapping, `${mapping.source} is a quantity mapped without units; add \`units "<UCUM unit>"\` (and \`-> "<target unit>" factor <n>\` if the receiver uses another unit).`, {
                        property: 'source',
                        fix: { title: 'Add a units placeholder', target: mapping, inline: ' units "TODO"' }
                    });
                }
                continue;
            }
            if (isPlaceholderCode(declared.source) || (declared.target !== undefined && isPlaceholderCode(declared.target))) {
                report(declared, `The units of ${mapping.source} are a placeholder; write the real unit (e.g. \`units "mg/dL"\`).`);
            } else if (declared.target !== undefined && declared.target !== declared.source && declared.factor === undefined && isPlaceholder(declared.conversion)) {
                report(declared, `${mapping.source} is sent in ${declared.source} and received in ${declared.target} without a conversion; add \`factor <n>\` or \`convert "<rule>"\`.`);
            }
        }
    }
};

/**
 * Whether a `timezone` text names a zone: an IANA name somewhere in it ("America/Chicago, kept as acquired"),
 * UTC, or an explicit offset carried in the value. "local time" alone does not.
 */
function namesTimeZone(text: string): boolean {
    if (/\b(UTC|GMT|offset)\b/i.test(text)) {
        return true;
    }
    return text.split(/[\s,;:()]+/).some(token => token.length > 0 && isIanaZone(token));
}

/** Zone names already tried: building an Intl.DateTimeFormat costs tens of microseconds, and specs repeat zones. */
const ianaZoneCache = new Map<string, boolean>();

function isIanaZone(zone: string): boolean {
    let known = ianaZoneCache.get(zone);
    if (known === undefined) {
        try {
            new Intl.DateTimeFormat('en', { timeZone: zone });
            known = true;
        } catch {
            known = false;
        }
        if (ianaZoneCache.size > 10_000) {
            ianaZoneCache.clear(); // notes are free text: keep a long-running server's memory bounded
        }
        ianaZoneCache.set(zone, known);
    }
    return known;
}

const timestamps: RuleCheck = {
    id: 'timestamps',
    check({ model, report }) {
        for (const mapping of descendantsOfType(model, isMapping)) {
            if (mapping.siteTimezone) {
                // `timezone site`: the zone of the sending site, so every site of the interface must declare one.
                const iface = AstUtils.getContainerOfType(mapping, isInterface);
                const sites = iface?.sites.map(site => site.ref).filter(site => site !== undefined) ?? [];
                if (iface && iface.sites.length === 0) {
                    report(mapping, `${mapping.source} takes the time zone of the sending site, but interface '${iface.name}' lists no \`sites\`; list them, or write the zone.`, { property: 'siteTimezone' });
                }
                for (const site of sites) {
                    if (site.timezone === undefined || isPlaceholder(site.timezone) || !namesTimeZone(site.timezone)) {
                        report(mapping, `${mapping.source} takes the time zone of the sending site, but site '${site.name}' declares none; add \`timezone "<IANA zone>"\` to site '${site.name}'.`, { property: 'siteTimezone' });
                    }
                }
            } else if (mapping.timezone !== undefined) {
                if (isPlaceholder(mapping.timezone) || !namesTimeZone(mapping.timezone)) {
                    report(mapping, `'${mapping.timezone}' names no time zone; write an IANA zone, e.g. \`timezone "Europe/Berlin"\`, \`timezone "UTC"\`, or say the offset is carried in the value.`, { property: 'timezone' });
                }
            } else if (mapping.clock !== undefined) {
                if (isPlaceholder(mapping.clock)) {
                    report(mapping, 'Name the clock source, e.g. `clock "NTP-synchronised analyser clock"`.', { property: 'clock' });
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
    check({ model, report }) {
        for (const table of model.elements.filter(isCodeTable)) {
            checkCodeTable(table, report);
        }
        for (const mapping of descendantsOfType(model, isMapping)) {
            const map = mapping.codes;
            if (mapping.table) {
                continue; // a governed code table holds the codes; its own governance is checked on the table
            }
            if (!map) {
                // A unit field whose mapping declares its unit system (`units UCUM`) is handled by the units.
                if (mappingKind(mapping) === 'code' && !mapping.units && !passesCodeSystemThrough(mapping)) {
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
    check({ model, report }) {
        for (const mapping of descendantsOfType(model, isMapping)) {
            let reported: string | undefined;
            for (const side of ['source', 'target'] as const) {
                const filter = mapping[side] ? fhirWhereProblem(mapping[side]) : undefined;
                if (filter) {
                    report(mapping, filter, { property: side });
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
        // One spelling per identifier authority, and one target code per source code of a field sent to one system.
        const sharedTables = governingTablesOf(workspace);
        for (const node of model.elements.filter(isInterface)) {
            for (const mapping of mappingsOf(node)) {
                if (mapping.authority !== undefined && !isPlaceholder(mapping.authority)) {
                    const first = facts.authorities.get(authorityKey(mapping.authority));
                    if (first !== undefined && first !== mapping.authority) {
                        report(mapping, `Identifier authority "${mapping.authority}" is spelled "${first}" elsewhere; use one spelling so identifiers match across interfaces.`, { property: 'authority' });
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
        // A service account reads no alert, owns no monitor and answers no escalation.
        const routed: Array<{ node: AstNode, parties: Reference[], property: string, what: string }> = [
            ...descendantsOfType(model, isMonitor).flatMap(monitor => [
                { node: monitor as AstNode, parties: monitor.alertsTo as Reference[], property: 'alertsTo', what: `The alerts of ${interfaceName(monitor.$container)} go to` },
                { node: monitor as AstNode, parties: monitor.owners as Reference[], property: 'owners', what: `The monitoring of ${interfaceName(monitor.$container)} is owned by` }
            ]),
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

export const interoperabilityRules: RuleCheck[] = [standardVersion, patientIdentity, units, timestamps, codedValues, knownFields, masterData, alertRouting];
