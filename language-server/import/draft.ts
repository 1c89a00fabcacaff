/**
 * The draft an importer builds before it is written as `.ispec` text: interfaces with their messages and mappings,
 * the systems and teams they name, and every value the importer could not carry over as a TODO with where it came
 * from. Importers fill this shape; `write-draft.ts` turns it into text, the same way for every import kind.
 *
 * Names (systems, teams, interfaces) are already valid Interspec names (see `spec-text.ts` `toName`); field paths
 * are already written the language's way (`OBX-11`, `PID-3.1`, `Observation.status`, `(0010,0020)`).
 */

/** Where a value came from in the imported file, for TODO comments and error messages. */
export interface Provenance {
    /** The imported file, as the user named it (relative to the current folder). */
    file: string;
    /** 1-based line in the file, where the reader knows it. */
    line?: number;
    /** 1-based column in the file, where the reader knows it. */
    column?: number;
    /** What a person looks for in the source: `row 12`, `Segment[@Name='OBX']/Field[11]`, `step "Map OBX"`. */
    where?: string;
}

/** A value the importer could not carry over: written as `// TODO (<where>): <text>` at the place it belongs. */
export interface DraftTodo {
    text: string;
    from: Provenance;
}

/** One code map entry: a source code and the code the receiver gets. */
export interface DraftCode {
    source: string;
    target: string;
}

/** One mapping: `source -> target` with the options the import found. */
export interface DraftMapping {
    source: string;
    target: string;
    /** `as <kind>`: identifier, quantity, timestamp, date, code, text. */
    kind?: 'identifier' | 'quantity' | 'timestamp' | 'date' | 'code' | 'text';
    /** `identifier authority "<authority>"`. */
    authority?: string;
    /** `units "<source>"` or `units "<source>" -> "<target>"` (UCUM or the sender's own unit text). */
    units?: { source: string; target?: string; factor?: number };
    /**
     * `units per <field> { <code>: "<unit>" … }`: the unit of each analyte, keyed by a code of `field` (OBX-3), for
     * values whose unit differs by test. Written instead of `units` when given.
     */
    analyteUnits?: { field: string; entries: Array<{ code: string; unit: string }> };
    /** `timezone "<IANA zone>"`. */
    timezone?: string;
    /** `codes { … }`, with `receives` listing the codes the sender is known to send. */
    codes?: DraftCode[];
    receives?: string[];
    /** Plain notes from the source (a sheet's comment column, a channel filter), written as `//` lines above. */
    notes?: string[];
    todos?: DraftTodo[];
    from: Provenance;
}

/** A `when <field> = <codes> { … }` group of mappings. */
export interface DraftGroup {
    field: string;
    values: string[];
    mappings: DraftMapping[];
}

/** One message of an interface: `message ORU^R01 "<title>" { … }`. */
export interface DraftMessage {
    /** `ORU^R01`, `ADT^A01^ADT_A01`, or a FHIR resource name. */
    type: string;
    title?: string;
    mappings: DraftMapping[];
    groups?: DraftGroup[];
    notes?: string[];
    todos?: DraftTodo[];
    /** `profile <name>`: the conformance profile (one of `Draft.profiles`) the message follows. */
    profile?: string;
    /** TODOs written inside the message block, where mappings go (a required field of the profile to map). */
    pending?: DraftTodo[];
}

/** One interface: `interface <name> "<title>" { from … to …; standard …; messages }`. */
export interface DraftInterface {
    name: string;
    title?: string;
    /** Doc comment written above the interface (what it was imported from). */
    doc?: string;
    source: string;
    target: string;
    standard: { name: string; version?: string };
    /** `transport <protocol> [over <security>]`, e.g. MLLP, HTTPS, SFTP. */
    transport?: { protocol: string; security?: string };
    owner?: string;
    /** `samples "<glob>"` statements, relative to the draft file. */
    samples?: string[];
    messages: DraftMessage[];
    notes?: string[];
    todos?: DraftTodo[];
}

/** A system the drafts name; written as a stub unless the workspace already declares it. */
export interface DraftSystem {
    name: string;
    title?: string;
    /** `application "<MSH-3/MSH-5 name>"`: how captured messages name the system. */
    applications?: string[];
}

/** A cardinality as the language writes it: `1..1`, `0..*`. */
export type DraftCardinality = string;

/** `field 3 CWE usage R cardinality 1..1 length 250 "Observation Identifier" table 0085` of a profile segment. */
export interface DraftProfileField {
    position: number;
    dataType?: string;
    usage?: string;
    cardinality?: DraftCardinality;
    length?: number;
    title?: string;
    table?: string;
    todos?: DraftTodo[];
    /** Where the field is in the imported file (not written; for TODOs that refer to it). */
    from?: Provenance;
}

/** `segment OBX usage R cardinality 1..* "Observation" { fields }` of a profile. */
export interface DraftProfileSegment {
    kind: 'segment';
    name: string;
    usage?: string;
    cardinality?: DraftCardinality;
    title?: string;
    fields: DraftProfileField[];
    todos?: DraftTodo[];
}

/** `group ORDER_OBSERVATION usage R cardinality 1..* { items }` of a profile. */
export interface DraftProfileGroup {
    kind: 'group';
    name: string;
    usage?: string;
    cardinality?: DraftCardinality;
    title?: string;
    items: DraftProfileItem[];
    todos?: DraftTodo[];
}

export type DraftProfileItem = DraftProfileSegment | DraftProfileGroup;

/** An HL7 v2 conformance profile: `profile <name> "<title>" { message …; segments and groups }`, one file of its own. */
export interface DraftProfile {
    name: string;
    title?: string;
    /** Doc comment written above the profile (what it was imported from). */
    doc?: string;
    /** `ORU^R01^ORU_R01`. */
    messageType?: string;
    version?: string;
    items: DraftProfileItem[];
    notes?: string[];
    todos?: DraftTodo[];
}

/** What one import run produced. */
export interface Draft {
    /** The import kind, as on the command line (`csv`, `conceptmap`, …). */
    kind: string;
    /** The imported files, as the user named them. */
    inputs: string[];
    interfaces: DraftInterface[];
    systems: DraftSystem[];
    /** Teams the drafts name (owners); written as stubs unless declared. */
    teams: string[];
    /** TODOs that belong to no interface (e.g. a sheet row that names no field at all). */
    todos: DraftTodo[];
    /** Conformance profiles (`hl7v2-profile`), each written to a file of its own that the interfaces import. */
    profiles?: DraftProfile[];
}
