/**
 * Readers for captured samples: HL7 v2 ER7 messages and FHIR R4/R5 JSON resources, each value with its line and
 * column, so checks of samples against a spec's mappings can point at the value a finding is about.
 *
 * This folder is self-contained: it imports nothing else of the language server. Conventions for positions are in
 * ./positions.ts; every reader reports bad input as problems and never throws on it.
 */

export { BOM, LineIndex, type ProblemSeverity, type ReadProblem, type TextPosition, type TextRange } from './positions.js';
export { DEFAULT_ENCODING, type Hl7EncodingCharacters, type Hl7Problem, type Hl7ProblemCode } from './hl7v2-types.js';
export { findEscapeProblems, interpretEscape, unescapeHl7, type EscapeProblem } from './hl7v2-escape.js';
export {
    field,
    Hl7Component,
    Hl7Field,
    Hl7Message,
    Hl7Repetition,
    Hl7Segment,
    Hl7Subcomponent,
    Hl7Value,
    isHeaderSegment,
    lookup,
    parseHl7Path,
    segments,
    type Hl7BatchContext,
    type Hl7HierarchicDesignator,
    type Hl7Match,
    type Hl7MessageHeader,
    type Hl7Path
} from './hl7v2-model.js';
export {
    iterateHl7v2,
    readEncodingCharacters,
    readHl7v2,
    readHl7v2File,
    readHl7v2Stream,
    readMessageHeader,
    resolveHl7Charset,
    type Hl7ReadItem,
    type Hl7ReadOptions,
    type Hl7ReadResult
} from './hl7v2-reader.js';
export {
    fhirChild,
    fhirElements,
    readFhirJson,
    readFhirNdjsonStream,
    type FhirNode,
    type FhirNodeKind,
    type FhirProblem,
    type FhirProblemCode,
    type FhirReadItem,
    type FhirReadOptions,
    type FhirReadResult,
    type FhirResource
} from './fhir-json-reader.js';
