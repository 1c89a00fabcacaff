import { hl7v2VersionStatus } from '../dictionaries/index.js';
import { isInterface, type Standard } from '../language/generated/ast.js';
import { isPlaceholder } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';

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

export const standardVersionRule: Rule = {
    id: 'standard-version',
    area: 'interoperability',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'An interface pins its standard and version, not just "HL7".',
    description: 'Standards need local configuration and differ between versions; "HL7" alone says nothing testable. '
        + 'Write `standard HL7v2 "2.5.1"`, `standard FHIR R4`, `standard DICOM "2024b"`, or `standard REST openapi "<file>"` '
        + '(a REST interface that pins its API version, `standard REST 1.3.0`, is asked for the document as an info).',
    options: NO_OPTIONS,
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
                    // `standard REST 1.3.0` pins the API's version: the contract is named, its document not given.
                    const pinned = version !== undefined && !isPlaceholder(version) && standard.openapi === undefined;
                    report(standard, pinned
                        ? `The REST interface pins API version ${version}; say where its contract is: \`standard REST ${version} openapi "<path or URL of the OpenAPI document>"\`.`
                        : 'A REST interface pins its contract: write `standard REST openapi "<path or URL of the OpenAPI document>"`.', {
                        severity: pinned ? 'info' : undefined,
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
