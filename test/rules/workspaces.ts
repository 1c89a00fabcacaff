import { strict as assert } from 'node:assert';
import { RULES } from '../../language-server/rules/registry.js';
import { checkFiles } from '../support/workspace.js';

/**
 * The small workspaces the rule tests write their specs into: each is an `org.ispec` the specs import, with the
 * helpers that read the findings of a spec written beside it. A rule's tests take the workspace their case needs
 * (`const { found, feed } = sitesWithDevices;`), so cases written against one workspace read alike in every file.
 */

const RULE_IDS = new Set(RULES.map(rule => rule.id));

/** A team, two systems and a change authority: enough for one interface whose mappings a case varies. */
export const MINIMAL_ORG = 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n';

/**
 * Two sites in Pacific/Auckland, two teams with on-call cover, roles Clerk and Nurse, systems A and B. `findings`
 * and `lines` give one rule's findings in `a.ispec`, a spec that imports org.ispec.
 */
export const sitesWithCover = (() => {
    /** Two sites, teams with cover, a role and two systems; each test adds what it checks. */
    const ORG = `team Ops { on-call 24x7 }
team Desk { on-call 24x7 }
role Clerk { team Ops duties registration }
role Nurse { team Ops duties care }
system A { kind X }
system B { kind X }
site North { timezone "Pacific/Auckland" }
site South { timezone "Pacific/Auckland" }
change-authority Ops
`;

    async function findings(rule: string, body: string, extra: Record<string, string> = {}): Promise<Array<{ line: number, message: string }>> {
        const { findings: all } = await checkFiles({ 'org.ispec': ORG, 'a.ispec': `import "org.ispec"\n${body}`, ...extra });
        return all.filter(f => f.code === rule && f.relative === 'a.ispec').map(f => ({ line: f.line, message: f.message }));
    }

    const lines = async (rule: string, body: string, extra: Record<string, string> = {}) => (await findings(rule, body, extra)).map(f => f.line);

    return { ORG, findings, lines };
})();

/**
 * Systems of a laboratory and of devices (LIS, EHR, a device gateway, a patient monitor, speech recognition, a
 * RIS), two sites hosting the LIS and the EHR, a team with full on-call cover, one covered on weekdays only, one with
 * a rota, and a service account. `feed` writes an interface Feed from the LIS to the EHR at both sites; `found`
 * gives one rule's findings outside org.ispec and fails on any structural finding.
 */
export const sitesWithDevices = (() => {
    const ORG = `team Ops { on-call 24x7 }
team Bench { on-call "Weekdays 07:00-17:00, voicemail otherwise" }
team Rota { on-call "+1 800 555-0190, rota in the ICU office" }
role EngineAccount { team Ops service-account }
system LIS { kind LIS owner Ops }
system EHR { kind EHR owner Ops }
system Gateway { kind device-gateway owner Ops }
system Monitor { kind patient-monitor owner Ops }
system Speech { kind speech-recognition owner Ops }
system RIS { kind RIS owner Ops }
site North { timezone "America/Chicago" baseline { hosts LIS } }
site South { timezone "America/Chicago" baseline { hosts EHR } }
`;

    /** `file:line message` of every finding of the rule outside org.ispec; the example must be valid Interspec. */
    async function found(rule: string, files: Record<string, string>, config?: string): Promise<string[]> {
        const { findings } = await checkFiles({ 'org.ispec': ORG, ...files, ...(config ? { 'interspec.yaml': config } : {}) });
        const structural = findings.filter(f => !RULE_IDS.has(f.code));
        assert.deepEqual(structural.map(f => `${f.relative}:${f.line} ${f.message}`), [], 'the example must be valid Interspec');
        return findings.filter(f => f.code === rule && f.relative !== 'org.ispec').map(f => `${f.relative}:${f.line} ${f.message}`);
    }

    function feed(body: string, handlers = '', standard = 'HL7v2 "2.5.1"', from = 'LIS'): Record<string, string> {
        return { 'a.ispec': `import "org.ispec"\ninterface Feed {\n    from ${from} to EHR\n    standard ${standard}\n    owner Ops\n    sites North, South\n${body}${handlers}}\n` };
    }

    return { ORG, found, feed };
})();

/**
 * Two sites in UTC, a team with on-call cover, one without and one with a written rota, a person's role (Clerk) and
 * a service account (Engine). `codes` and `messages` give one rule's findings outside org.ispec; `spec` is a.ispec.
 */
export const sitesWithParties = (() => {
    /** Two sites, a team with and one without on-call cover, a person's role and a service account. */
    const ORG = `team Ops { on-call 24x7 }
team Quality
team Desk { on-call "+64 3 555 0100, rota in the service desk wiki" }
role Clerk { team Ops duties registration }
role Engine { team Ops service-account duties delivery }
system A { kind X }
system B { kind X }
site North { timezone "UTC" }
site South { timezone "UTC" }
change-authority Ops
`;

    /** `file:line code` of every finding of the given rule outside org.ispec. */
    async function codes(rule: string, files: Record<string, string>): Promise<string[]> {
        const { findings } = await checkFiles({ 'org.ispec': ORG, ...files });
        return findings.filter(f => f.code === rule && f.relative !== 'org.ispec').map(f => `${f.relative}:${f.line} ${f.code}`);
    }

    async function messages(rule: string, files: Record<string, string>): Promise<string[]> {
        const { findings } = await checkFiles({ 'org.ispec': ORG, ...files });
        return findings.filter(f => f.code === rule && f.relative !== 'org.ispec').map(f => f.message);
    }

    const spec = (body: string) => ({ 'a.ispec': `import "org.ispec"\n${body}` });

    return { ORG, codes, messages, spec };
})();

/**
 * Interfaces, sites and gates as the workspace-wide rules read them: LIS, EHR and PACS owned by Ops, an approved
 * change CHG-1 and a proposed CHG-2. `site`, `feed` and `gate` write the elements a case varies; `found` gives one
 * rule's findings outside org.ispec and fails on any structural finding.
 */
export const workspaceGraph = (() => {
    const ORG = `team Ops { on-call 24x7 }
team Lab
system LIS { kind LIS owner Ops }
system EHR { kind EHR owner Ops }
system PACS { kind PACS owner Ops }
change CHG-1 { status approved approved-by Ops }
change CHG-2 { status proposed }
`;

    /** `file:line` and message of every finding of the rule outside org.ispec. */
    async function found(rule: string, files: Record<string, string>): Promise<string[]> {
        const { findings } = await checkFiles({ 'org.ispec': ORG, ...files });
        const structural = findings.filter(f => !RULE_IDS.has(f.code));
        assert.deepEqual(structural.map(f => `${f.relative}:${f.line} ${f.message}`), [], 'the example must be valid Interspec');
        return findings.filter(f => f.code === rule && f.relative !== 'org.ispec').map(f => `${f.relative}:${f.line} ${f.message}`);
    }

    const lines = (rule: string, files: Record<string, string>) => found(rule, files).then(all => all.map(f => f.split(' ')[0]));

    function site(name: string, extra = '', hosts = 'hosts none'): string {
        return `site ${name} {\n    ${extra}\n    timezone "UTC"\n    baseline { ${hosts} }\n}\n`;
    }

    function feed(name: string, from: string, to: string, sites?: string): string {
        return `interface ${name} {\n    from ${from} to ${to}\n    owner Ops\n    criticality critical\n${sites ? `    sites ${sites}\n` : ''}}\n`;
    }

    function gate(name: string, sites: string, criteria: Record<string, string>, extra = ''): string {
        const body = ['exceptions', 'data-meaning', 'compliance', 'readiness', 'load-test'].map(question => {
            const covers = criteria[question] ? ` covers ${criteria[question]}` : '';
            return `    criterion C${question.replace('-', '')} { question ${question} evidence "Report" approver Ops${covers} }`;
        });
        return `gate ${name} {\n    sites ${sites}\n${extra ? `    ${extra}\n` : ''}    approver Ops\n${body.join('\n')}\n}\n`;
    }

    return { ORG, found, lines, site, feed, gate };
})();

/** One interface Feed from A to B with one ORU^R01 message: `findings` gives every finding but required-targets. */
export const oneResultMessage = (() => {
    const ORG = MINIMAL_ORG;

    /** `line severity code: message` of one ORU^R01 interface; `body` is the message block's content. */
    async function findings(body: string, standard = 'HL7v2 "2.5.1"'): Promise<string[]> {
        const { findings: found } = await checkFiles({
            'org.ispec': ORG,
            'a.ispec': `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ORU^R01 {\n${body}    }\n}\n`
        });
        return found.filter(f => f.code !== 'required-targets').map(f => `${f.line} ${f.severity} ${f.code}: ${f.message}`);
    }

    return { ORG, findings };
})();

/**
 * One interface Feed from A to B whose ORU^R01 message holds the given mapping lines: `mappingFindings` gives the
 * findings of the rules that read a field's kind from the dictionaries (not the structure rules).
 */
export const mappedFields = (() => {
    const STRUCTURE_RULES = new Set(['message-structure', 'type-compatibility', 'repetition', 'required-targets']);
    const ORG = MINIMAL_ORG;

    /** The rule findings (`line code`) of one interface whose message holds the given mapping lines. */
    async function mappingFindings(standard: string, mappings: string[]): Promise<string[]> {
        const { findings } = await checkFiles({
            'org.ispec': ORG,
            'a.ispec': `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ORU^R01 {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`
        });
        // The structure rules (required targets of the resource …) have their own tests (message-structure.test.ts, …).
        return findings.filter(f => !STRUCTURE_RULES.has(f.code)).map(f => `${f.line} ${f.code}${f.code === 'known-fields' ? `: ${f.message}` : ''}`);
    }

    return { ORG, mappingFindings };
})();

/**
 * The four rules that read the dictionaries' structure data, on one message of one interface: `findings` gives the
 * findings (`line rule`) of the rule named by `about(rule)` in the enclosing `describe`.
 */
export const structureRules = (() => {
    const ORG = MINIMAL_ORG;
    const RULES = new Set(['message-structure', 'type-compatibility', 'repetition', 'required-targets']);

    /** The findings of the four dictionary rules (`line rule`) for one message of one interface. */
    async function findings(standard: string, message: string, mappings: string[], rules: ReadonlySet<string> = only): Promise<string[]> {
        const { findings } = await checkFiles({
            'org.ispec': ORG,
            'a.ispec': `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ${message} {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`
        });
        return findings.filter(f => rules.has(String(f.code)) && f.suppressed === undefined).map(f => `${f.line} ${f.code}`);
    }

    /** The rule the current `describe` block is about; the others are checked in their own blocks. */
    let only: ReadonlySet<string> = RULES;
    function about(rule: string): void {
        before(() => {
            only = new Set([rule]);
        });
    }

    return { ORG, findings, about };
})();

/**
 * Z-segments, DICOM tags and identifier repetitions on one interface Feed from A to B: `feed` writes it with a
 * standard, a message type and its mapping lines; `findings` gives the findings of the named rules and fails when
 * the spec does not parse and link. `Z_SEGMENTS` declares ZPI.
 */
export const segmentsAndTags = (() => {
    const ORG = MINIMAL_ORG;

    /** `file:line severity code: message` of the findings of a workspace; `codes` keeps only those rules. */
    async function findings(files: Record<string, string>, codes: string[]): Promise<string[]> {
        const { findings: found } = await checkFiles({ 'org.ispec': ORG, ...files });
        const broken = found.filter(f => !f.code || /syntax|linking|parse/i.test(String(f.code)));
        assert.deepEqual(broken.map(f => f.message), [], 'the spec parses and links');
        return found.filter(f => codes.includes(String(f.code))).map(f => `${f.relative}:${f.line} ${f.severity} ${f.code}: ${f.message}`);
    }

    const feed = (standard: string, message: string, body: string) =>
        `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ${message} {\n${body}    }\n}\n`;

    const Z_SEGMENTS = `segment ZPI "Patient extras" {
    field 1 CWE "Religion" table "0006"
    field 2 CX repeating "Previous identifiers"
    field 3 ST "Nickname"
}
`;

    return { ORG, findings, feed, Z_SEGMENTS };
})();

/** One interface Feed from A to B with an ORM^O01 message: `findings` gives every finding but message-structure's. */
export const versionedFields = (() => {
    const ORG = MINIMAL_ORG;

    /** `line severity code: message` of every finding of one interface with the given standard and mapping lines. */
    async function findings(standard: string, mappings: string[]): Promise<string[]> {
        const { findings: found } = await checkFiles({
            'org.ispec': ORG,
            'a.ispec': `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ORM^O01 {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`
        });
        // Whether the version has the message type, and the message the segment, is message-structure's business.
        return found.filter(f => f.code !== 'message-structure').map(f => `${f.line} ${f.severity} ${f.code}: ${f.message}`);
    }

    return { ORG, findings };
})();

/**
 * Governed code tables (a catalogue from a file, specimen types listed inline, an old catalogue) in tables.ispec,
 * and order interfaces into the LIS from the EHR or a clinic: `orders` writes one; `findings` gives every finding
 * as `file:line code`.
 */
export const codeTables = (() => {
    const ORG = 'team LabIT\nsystem LIS { kind X }\nsystem EHR { kind X }\nsystem Clinic { kind X }\nchange-authority LabIT\n';

    const TABLES = `import "org.ispec"
codetable LabCatalogue "Laboratory test catalogue" { owner LabIT source LIS version "2026-03" file "catalogue.csv" }
codetable SpecimenTypes { owner LabIT source LIS version "2026-01" codes BLD, SER, PLAS }
codetable OldCatalogue { owner LabIT source LIS version "2019-01" file "old.csv" }
`;

    function orders(name: string, from: string, mappings: string[]): string {
        return `import "tables.ispec"\ninterface ${name} {\n    from ${from} to LIS standard HL7v2 "2.5.1" owner LabIT\n    message OML^O21 {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n}\n`;
    }

    /** `file:line code` of the rule findings of a workspace with the code tables and the given files. */
    async function findings(files: Record<string, string>): Promise<string[]> {
        const { findings: found } = await checkFiles({ 'org.ispec': ORG, 'tables.ispec': TABLES, ...files });
        return found.map(f => `${f.relative}:${f.line} ${f.code}`);
    }

    return { ORG, TABLES, orders, findings };
})();
