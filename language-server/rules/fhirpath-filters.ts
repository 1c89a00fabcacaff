import { parse } from 'fhirpath';
import { fhirWhereExpressions } from '../dictionaries/path-forms.js';

/**
 * Why a `where("…")` filter in a FHIR path is not FHIRPath, or undefined when each parses. The `fhirpath` package
 * (HL7's FHIRPath grammar, N1 normative) is the judge, so the spec says only what an engine can evaluate.
 */
export function fhirWhereProblem(path: string): string | undefined {
    for (const { expression } of fhirWhereExpressions(path)) {
        if (expression.trim() === '') return `where("") in ${path} has no FHIRPath expression.`;
        try {
            parse(expression);
        } catch (error) {
            const detail = String(error instanceof Error ? error.message : error).split('\n')[0].replace(/ expecting .*/, '').replace(/^line: \d+; /, '');
            return `where("${expression}") in ${path} is not a FHIRPath expression (${detail}).`;
        }
    }
    return undefined;
}
