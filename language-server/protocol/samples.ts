/**
 * The sample files an editor sends the server besides spec files (docs/samples.md, "In the editor"): captured
 * HL7 v2 messages (`.hl7`, always) and FHIR JSON (`.json`, `.ndjson`, checked only where an interface's
 * `samples "<glob>"` lists them; the server ignores the others). The server keeps these documents out of the
 * Langium workspace and publishes the sample rules' findings for them. Imports nothing.
 */

/** The client's document selector patterns of sample files (VS Code glob patterns, `file` scheme). */
export const SAMPLE_FILE_PATTERNS: readonly string[] = ['**/*.hl7', '**/*.json', '**/*.ndjson'];

/** Whether a path or URI names a sample file by its extension (any case): `.hl7`, `.json` or `.ndjson`. */
export function isSampleFile(pathOrUri: string): boolean {
    return /\.(hl7|json|ndjson)$/i.test(pathOrUri);
}

/** Whether a path or URI names an HL7 v2 sample file (`.hl7`), which is checked even if no `samples` glob lists it. */
export function isHl7v2SampleFile(pathOrUri: string): boolean {
    return /\.hl7$/i.test(pathOrUri);
}
