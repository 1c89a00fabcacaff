/**
 * `interspec import`: turns artefacts teams already have (mapping sheets, HL7 v2 conformance profiles, FHIR
 * ConceptMaps, interface engine channels, captured messages) into draft `.ispec` files. Each kind lives in a file
 * of its own (`import-<kind>.ts`) and reads into the shared `Draft` shape; `write-draft.ts` writes every draft.
 */
import type { ImportKind } from './import-kind.js';
import { csvImport } from './import-csv.js';
import { conceptMapImport } from './import-conceptmap.js';
import { hl7v2ProfileImport } from './import-hl7v2-profile.js';
import { mirthImport } from './import-mirth.js';
import { samplesImport } from './import-samples.js';

export { ImportError } from './import-error.js';
export type { ImportInput, ImportKind, ImportOptions } from './import-kind.js';
export type * from './draft.js';
export { STUBS_FILE, writeDraft, type DeclaredNames, type DraftFile } from './write-draft.js';
export { checkDraftSyntax } from './check-draft.js';

/** Every import kind, in the order `interspec import --help` lists them. */
export const IMPORT_KINDS: readonly ImportKind[] = [
    csvImport,
    hl7v2ProfileImport,
    conceptMapImport,
    mirthImport,
    samplesImport
];

/** The kind named on the command line, or undefined. */
export function findImportKind(name: string): ImportKind | undefined {
    return IMPORT_KINDS.find(kind => kind.name === name);
}
