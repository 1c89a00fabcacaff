import type { IndexManager, LangiumDocument, LangiumDocuments } from 'langium';
import type { InterspecImports } from '../language/interspec-imports.js';
import { relativeImportPath } from '../language/interspec-paths.js';
import type { InterspecWorkspace } from '../language/interspec-workspace.js';

/**
 * Snippets of the top-level statements, offered by the server's completion in place of the bare keyword, and
 * only where the grammar accepts that statement (so never after `criticality `). Each body is LSP snippet syntax
 * (`${1:Name}`, `${2|a,b|}`, `$0`), one string per line, `\t` for one level of indentation; a test expands each
 * one with its default values and parses it.
 *
 * A placeholder that names another element (`owner ${3:Team}`) is listed in `references`: at completion time it
 * becomes a choice of the names of that type the file sees (`${3|LabIT,Programme|}`, its own elements and those of
 * the files it imports), so that the snippet as inserted resolves; where the file sees no such name the line is
 * left out (the statements are optional), and a snippet whose first line would go is offered as the bare keyword.
 * The `import` snippet offers the files of the workspace the file does not import yet.
 */
export interface StatementSnippet {
    /** The keyword that starts the statement, and the grammar rule it starts. */
    keyword: string;
    rule: string;
    description: string;
    body: readonly string[];
    /** Placeholders that name an element: placeholder number -> the reference type (a grammar type, `Party` a team or role). */
    references?: Readonly<Record<number, string>>;
    /** Placeholders whose default is the second name of their type (`to` after `from`: another system). */
    second?: readonly number[];
}

/** The names a file sees, per reference type, and the spec files it may import (paths relative to it). */
export interface SnippetNames {
    names(type: string): readonly string[];
    importable: readonly string[];
}

/** More choices than this would bury the placeholder; completion after the keyword offers every name. */
const MAX_CHOICES = 40;

/** The reference type of the import snippet's path placeholder. */
const IMPORT_PATH = 'import';

export const STATEMENT_SNIPPETS: readonly StatementSnippet[] = [
    {
        keyword: 'import', rule: 'Import',
        description: "Import another .ispec file of the workspace: its elements become visible here.",
        body: [
            "import \"${1:org.ispec}\"",
            "$0"
        ],
        references: { 1: IMPORT_PATH }
    },
    {
        keyword: 'team', rule: 'Team',
        description: "A team that owns, approves or is trained.",
        body: [
            "team ${1:Name} \"${2:Title}\" {",
            "\tlead \"${3:lead name}\"",
            "\tcontact \"${4:contact}\"",
            "\ton-call \"${5:on-call rota}\"",
            "}",
            "$0"
        ]
    },
    {
        keyword: 'role', rule: 'Role',
        description: "A role: who does the work, what duties it has, which team it belongs to.",
        body: [
            "role ${1:Name} \"${2:Title}\" {",
            "\tteam ${3:Team}",
            "\tduties ${4:duty}",
            "}",
            "$0"
        ],
        references: { 3: 'Team' }
    },
    {
        keyword: 'system', rule: 'System',
        description: "An application or device class with its vendor accountability.",
        body: [
            "system ${1:Name} \"${2:Title}\" {",
            "\tkind ${3|EHR,LIS,RIS,PACS,middleware,analyser,steriliser-tracking|}",
            "\tvendor \"${4:Vendor}\" product \"${5:Product}\"",
            "\tversion \"${6:1.0}\"",
            "\towner ${7:Team}",
            "\tsupport contact \"${8:support contact}\" response ${9:4h}",
            "\trollback \"${10:how to roll back}\"",
            "}",
            "$0"
        ],
        references: { 7: 'Party' }
    },
    {
        keyword: 'site', rule: 'Site',
        description: "A site of the rollout with its jurisdiction, baseline and downtime procedure.",
        body: [
            "site ${1:Name} \"${2:Title}\" {",
            "\ttimezone \"${3:Europe/London}\"",
            "\tjurisdiction \"${4:GB-ENG}\"",
            "\tbaseline {",
            "\t\tdevice ${5:Device} model \"${6:model}\" version \"${7:1.0}\" count ${8:1}",
            "\t\thosts ${9:System}",
            "\t\tnetwork ${10:100} Mbps",
            "\t}",
            "\tdowntime {",
            "\t\tfallback \"${11:manual fallback}\"",
            "\t\treconciliation \"${12:how results are reconciled after recovery}\"",
            "\t}",
            "}",
            "$0"
        ],
        references: { 9: 'System' }
    },
    {
        keyword: 'data', rule: 'Data',
        description: "A data set with owner, classification, retention and access.",
        body: [
            "data ${1:Name} \"${2:Title}\" {",
            "\towner ${3:Team}",
            "\tclassification ${4|PHI,confidential,internal,public|}",
            "\tretention ${5:8y}",
            "\taccess ${6:Role}",
            "\taudit \"${7:audit requirement}\"",
            "}",
            "$0"
        ],
        references: { 3: 'Party', 6: 'Role' }
    },
    {
        keyword: 'interface', rule: 'Interface',
        description: "One flow from a system to a system: standard, transport, owner, messages, exception handlers, monitoring.",
        body: [
            "interface ${1:Name} \"${2:Title}\" {",
            "\tfrom ${3:Source} to ${4:Target}",
            "\tstandard ${5:HL7v2} \"${6:2.5.1}\"",
            "\ttransport ${7:MLLP} over ${8:TLS}",
            "\towner ${9:Team}",
            "\tcriticality ${10|critical,high,medium,low|}",
            "\tcarries ${11:Data}",
            "\tmessage ${12:ORU^R01} {",
            "\t\t${13:PID-3} -> ${14:Patient.identifier} identifier authority \"${15:MRN}\"",
            "\t}",
            "\ton ${16:downtime} \"${17:queue and replay in order}\" escalate ${18:Team} within ${19:15m}",
            "\tmonitor {",
            "\t\towner ${20:Team}",
            "\t\tmetric ${21:turnaround} p95 < ${22:5m}",
            "\t}",
            "}",
            "$0"
        ],
        references: { 3: 'System', 4: 'System', 9: 'Party', 11: 'Data', 18: 'Party', 20: 'Party' },
        second: [4]
    },
    {
        keyword: 'gate', rule: 'Gate',
        description: "A go-live gate for a site with its criteria, approvers and hypercare.",
        body: [
            "gate ${1:Name} \"${2:Title}\" {",
            "\tsite ${3:Site}",
            "\tapprover ${4:Team}",
            "\thypercare ${5:2w} support ${6:Team} escalate ${7:Team}",
            "\tcriterion ${8:Criterion} \"${9:Title}\" {",
            "\t\tquestion ${10|exceptions,data-meaning,compliance,readiness,load-test,ownership,monitoring,vendor|}",
            "\t\tevidence \"${11:evidence}\"",
            "\t\tapprover ${12:Team}",
            "\t}",
            "}",
            "$0"
        ],
        references: { 3: 'Site', 4: 'Party', 6: 'Party', 7: 'Party', 12: 'Party' }
    },
    {
        keyword: 'change', rule: 'Change',
        description: "A governed change (update, patch, configuration, local deviation).",
        body: [
            "change ${1:Name} \"${2:Title}\" {",
            "\tstatus ${3|proposed,approved,rejected,implemented|}",
            "\tapproved-by ${4:Team}",
            "\treference \"${5:CHG-0000}\"",
            "}",
            "$0"
        ],
        references: { 4: 'Party' }
    },
    {
        keyword: 'change-authority', rule: 'ChangeAuthority',
        description: "Who approves changes for the whole specification.",
        body: [
            "change-authority ${1:Team} covers ${2:updates}, ${3:patches}, ${4:configuration}",
            "$0"
        ],
        references: { 1: 'Party' }
    },
    {
        keyword: 'codetable', rule: 'CodeTable',
        description: "A governed code table (orderable tests, observation codes) declared once; mappings say `codes table Name`.",
        body: [
            "codetable ${1:Name} \"${2:Title}\" {",
            "\towner ${3:Team}",
            "\tsource ${4:System}",
            "\tversion \"${5:2026-03}\"",
            "\tfile \"${6:codes/catalogue.csv}\"",
            "}",
            "$0"
        ],
        references: { 3: 'Party', 4: 'System' }
    },
    {
        keyword: 'segment', rule: 'Segment',
        description: "A site-defined HL7 v2 segment (Z-segment) declared once: its fields' positions, data types and names.",
        body: [
            "segment ${1:ZPI} \"${2:Title}\" {",
            "\tfield 1 ${3:ST} \"${4:Name}\"",
            "}",
            "$0"
        ]
    },
    {
        keyword: 'rollout', rule: 'Rollout',
        description: "How the sites go live: phased (pilot first) or big-bang with a reason.",
        body: [
            "rollout ${1|phased,big-bang|} because \"${2:reason}\"",
            "$0"
        ]
    }
];

/**
 * The text a snippet inserts in a file that sees `names`: each reference placeholder a choice of the names of its
 * type (the first choice is the default), a line whose reference has no name to choose left out. Undefined when the
 * statement's first line would go (`change-authority` with no team, `import` with nothing to import).
 */
export function snippetText(snippet: StatementSnippet, names: SnippetNames): string | undefined {
    const lines: string[] = [];
    for (const [index, line] of snippet.body.entries()) {
        let dropped = false;
        const text = line.replace(/\$\{(\d+):([^}]*)\}/g, (placeholder, number: string) => {
            const type = snippet.references?.[Number(number)];
            if (!type) {
                return placeholder;
            }
            let choices = [...(type === IMPORT_PATH ? names.importable : names.names(type))].slice(0, MAX_CHOICES);
            if (choices.length === 0) {
                dropped = true;
                return placeholder;
            }
            if (snippet.second?.includes(Number(number)) && choices.length > 1) {
                choices = [...choices.slice(1), choices[0]];
            }
            return `\${${number}|${choices.map(escapeChoice).join(',')}|}`;
        });
        if (dropped && index === 0) {
            return undefined;
        }
        if (!dropped) {
            lines.push(text);
        }
    }
    return lines.join('\n');
}

/**
 * What a file sees, for snippetText: per type the names of the elements of its own file and of the files it imports
 * (in the index's order, each name once), and the spec files of its workspace root it does not import yet.
 */
export function snippetNamesOf(document: LangiumDocument, services: {
    indexManager: IndexManager, imports: InterspecImports, workspace: InterspecWorkspace, documents: LangiumDocuments
}): SnippetNames {
    const visible = services.imports.visibleUris(document);
    const root = services.workspace.rootOf(document.uri);
    const cache = new Map<string, string[]>();
    return {
        names(type) {
            let found = cache.get(type);
            if (!found) {
                found = [...new Set(services.indexManager.allElements(type, visible).map(description => description.name))];
                cache.set(type, found);
            }
            return found;
        },
        get importable() {
            return services.documents.all
                .filter(other => other.uri.path.endsWith('.ispec') && !visible.has(other.uri.toString()) && services.workspace.rootOf(other.uri) === root)
                .map(other => relativeImportPath(document.uri, other.uri))
                .toArray()
                .sort();
        }
    };
}

/** A choice's text with the characters that end or separate choices escaped (snippet grammar: `,`, `|`, `$`, `}`, `\\`). */
function escapeChoice(text: string): string {
    return text.replace(/[\\,|$}]/g, match => `\\${match}`);
}
