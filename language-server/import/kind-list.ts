/**
 * The import kinds by name with their one-line summaries, for `interspec import --help`, which must not load the
 * readers (cold start: the CLI's help loads no language). `test/import/kind-list.test.ts` keeps this list equal to
 * the names and summaries of `IMPORT_KINDS` (index.ts), in the same order.
 */
export const IMPORT_KIND_LIST: ReadonlyArray<{ readonly name: string, readonly summary: string }> = [
    { name: 'csv', summary: 'a mapping sheet saved as CSV (your own headers, or the HL7 v2-to-FHIR guide\'s sheets)' },
    { name: 'hl7v2-profile', summary: 'HL7 v2 XML conformance profiles (Messaging Workbench, IGAMT, NIST Profile.xml with ValueSets.xml)' },
    { name: 'conceptmap', summary: 'FHIR ConceptMaps (R4/R5 JSON, Bundles) as code maps; --columns source=OBX-11,target=… names the field' },
    { name: 'mirth', summary: 'Mirth Connect / NextGen Connect channel exports (XML), one interface per destination' },
    { name: 'samples', summary: 'captured HL7 v2 messages (ER7, MLLP, batches) into a draft interface that accepts them' }
];
