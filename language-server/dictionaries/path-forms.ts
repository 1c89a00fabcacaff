/** The written forms of field paths, one per standard; case-tolerant so that typos still find their standard. */

/** `PID-3`, `PID-3.1`, `PID-3.4.1`, `PID-3[2].1`: segment, field, optional repetition, component, subcomponent. */
export const HL7V2_PATH = /^([A-Za-z][A-Za-z0-9]{2})-(\d+)(?:\[(\d+)\])?(?:\.(\d+))?(?:\.(\d+))?$/;

/** `(0010,0020)`, `0010,0020`, `00100020`, or a keyword such as `PatientID` (no dots, dashes or spaces). */
export const DICOM_TAG = /^\(?([0-9A-Fa-fXx]{4}),?([0-9A-Fa-fXx]{4})\)?$/;
export const DICOM_KEYWORD = /^[A-Z][A-Za-z0-9]*$/;
export const DICOM_PATH = new RegExp(`${DICOM_TAG.source}|${DICOM_KEYWORD.source}`);

/** `Patient.identifier`, `Patient.identifier[0].value`, `Observation.value[x]`: a type (capitalised, unlike the JSON paths of REST APIs), then dotted element names. */
export const FHIR_PATH = /^[A-Z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*(?:\[(?:x|\d+)\])?(?:\[\d+\])?)+$/;

/**
 * The one form a path is kept in: HL7 v2 repetitions as `PID-3[2]`, whichever notation an engine writes
 * (`PID-3(2)` is HL7 Soup's and some engines' form of the same second repetition).
 */
export function canonicalFieldPath(path: string): string {
    return path.replace(/^([A-Za-z][A-Za-z0-9]{2}-\d+)\((\d+)\)/, '$1[$2]').replace(/\[authority\s*=\s*"/, '[authority="');
}

/**
 * A FHIR path as the element dictionary knows it: an extension by URL (`extension("https://…")`), a slice
 * (`extension:race`) and a FHIRPath filter (`.where("url = '…'")`) all denote the element itself, so
 * `Patient.extension("https://…").valueString` is `Patient.extension.valueString` (Extension.value[x] as string).
 */
export function fhirDictionaryPath(path: string): string {
    return path
        .replace(/\.where\("(?:\\.|[^"\\])*"\)/g, '')
        .replace(/\("(?:\\.|[^"\\])*"\)/g, '')
        .replace(/:[A-Za-z][\w-]*/g, '');
}

/** The FHIRPath expressions written as `where("…")` in a path, with where they start in it. */
export function fhirWhereExpressions(path: string): { expression: string, offset: number }[] {
    return [...path.matchAll(/\.where\("((?:\\.|[^"\\])*)"\)/g)].map(match => ({ expression: match[1].replace(/\\(.)/g, '$1'), offset: match.index ?? 0 }));
}

/** `PID-3[authority="NHS"]`: a repetition chosen by its assigning authority (CX.4), as the value converter keeps it. */
const AUTHORITY_SELECTOR = /\[authority\s*=\s*"((?:\\.|[^"\\])*)"\]/;

/** The assigning authority a path selects its repetition by (`PID-3[authority="NHS"]` → `NHS`), if it does. */
export function selectedAuthority(path: string): string | undefined {
    const match = AUTHORITY_SELECTOR.exec(path);
    return match ? match[1].replace(/\\(.)/g, '$1') : undefined;
}

/** A path without its authority selector, as the dictionaries know it: `PID-3[authority="NHS"].1` → `PID-3.1`. */
export function withoutAuthoritySelector(path: string): string {
    return path.replace(AUTHORITY_SELECTOR, '');
}

/** One element of a written FHIR path, with whether the path itself picks some of its repetitions. */
export interface FhirPathStep {
    /** The element name (`identifier`, `coding`), as the dictionary path has it. */
    name: string;
    /**
     * How the written path narrows the element's repetitions: `index` (`identifier[0]`), `filter` (a FHIRPath
     * `.where("…")` after it), `url` (`extension("https://…")`: an extension is picked by its URL, FHIR R4
     * Extension.url) or `slice` (`extension:race`); undefined when it names every repetition.
     */
    selector?: 'index' | 'filter' | 'url' | 'slice';
    /** The repetition an `index` selector picks (0-based, FHIRPath's `[0]`). */
    index?: number;
    /** The extension URL a `url` selector picks (`extension("https://…")`). */
    url?: string;
    /** The FHIRPath criteria of the `.where("…")` filters after the step, in order (quotes unescaped). */
    where?: string[];
}

/**
 * The steps of a written FHIR path, `Patient.identifier.where("system = 'urn:…'").value` →
 * `Patient`, `identifier` (filter), `value`; quoted text inside selectors may contain dots. The first step is
 * the resource type. The names line up with the dictionary path (`fhirDictionaryPath`).
 */
export function fhirPathSteps(written: string): FhirPathStep[] {
    const steps: FhirPathStep[] = [];
    const step = /(?:^|\.)(where\("(?:\\.|[^"\\])*"\)|[A-Za-z][A-Za-z0-9]*(?:\[x\])?)((?:\[\d+\])|\("(?:\\.|[^"\\])*"\)|:[A-Za-z][\w-]*)?/gy;
    let match: RegExpExecArray | null;
    while ((match = step.exec(written)) !== null && match[0] !== '') {
        const [, name, selector] = match;
        if (name.startsWith('where(')) {
            const last = steps[steps.length - 1];
            if (last) {
                last.selector = 'filter';
                last.where = [...last.where ?? [], name.slice('where("'.length, -'")'.length).replace(/\\(.)/g, '$1')];
            }
            continue;
        }
        const kind = selector === undefined ? undefined : selector.startsWith('[') ? 'index' : selector.startsWith('(') ? 'url' : 'slice';
        steps.push({
            name: name.replace(/\[x\]$/, ''),
            selector: kind,
            ...kind === 'index' ? { index: Number(selector!.slice(1, -1)) } : {},
            ...kind === 'url' ? { url: selector!.slice('("'.length, -'")'.length).replace(/\\(.)/g, '$1') } : {}
        });
    }
    return steps;
}
