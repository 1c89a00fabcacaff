/**
 * The JSON Schemas of the generators' files. `schemas/<name>.schema.json` are these objects written out
 * (test/generators/schemas.test.ts keeps them equal; `UPDATE_GOLDEN=1 npm test` rewrites them). The code
 * uses these objects so the bundles need no files at run time.
 */

const STATUS = { type: 'string', enum: ['pending', 'done', 'passed', 'failed', 'waived'] };
const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'ISO date, YYYY-MM-DD.' };
const TEXT = { type: 'string' };
const NAMES = { type: 'array', items: { type: 'string' } };

/** The status an output shows for an id, from its newest evidence entry. */
const EVIDENCE_STATE = {
    type: 'object',
    additionalProperties: false,
    required: ['status'],
    properties: {
        status: STATUS, by: TEXT, date: TEXT, link: TEXT, note: TEXT,
        source: { type: 'string', description: 'The deciding entry, as file:line relative to the workspace root.' }
    }
};

export const EVIDENCE_SCHEMA = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://interspec.dev/schemas/evidence.schema.json',
    title: 'Interspec evidence file',
    description: 'What has been done for a go-live criterion (Gate.Criterion), a checklist item or a test case (TM-...). '
        + 'Files: evidence/*.yaml or *.evidence.yaml under the workspace root.',
    type: 'object',
    additionalProperties: false,
    required: ['evidence'],
    properties: {
        evidence: {
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'status'],
                properties: {
                    id: { type: 'string', pattern: '^\\S+$', description: 'A criterion (Gate.Criterion), a checklist item (Gate.group.Element) or a test-matrix id (TM-...).' },
                    status: { ...STATUS, description: 'pending, done, passed, failed or waived.' },
                    by: { type: 'string', minLength: 1, description: 'Who did it or decided it.' },
                    date: { ...DATE, description: 'When (YYYY-MM-DD); the newest entry for an id wins.' },
                    link: { type: 'string', minLength: 1, description: 'Where the record is (ticket, document, log).' },
                    note: { type: 'string' }
                },
                if: { properties: { status: { enum: ['done', 'passed', 'failed', 'waived'] } } },
                then: { required: ['by', 'date'] }
            }
        }
    }
};

/** What the samples showed for a row (not evidence): see docs/generators.md, "Samples and evidence". */
const OBSERVATION = {
    type: 'object',
    additionalProperties: false,
    required: ['status', 'messages', 'decides'],
    description: 'What the interface\'s captured samples showed for this data-meaning row. Observation, not evidence: an evidence entry that names the row decides it (decides: false).',
    properties: {
        status: { type: 'string', enum: ['passed', 'failed'] },
        messages: { type: 'integer', minimum: 0, description: 'Matched messages that exercised what the row tests.' },
        findings: { type: 'integer', minimum: 1, description: 'failed: sample findings that fall on the row.' },
        first: {
            type: 'object', additionalProperties: false, required: ['file', 'line', 'column', 'rule', 'message'],
            description: 'failed: the first sample finding on the row (file relative to the workspace root, 1-based).',
            properties: { file: TEXT, line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 }, rule: TEXT, message: TEXT }
        },
        decides: { type: 'boolean', description: 'False when an evidence entry names the row: evidence beats observation.' },
        note: TEXT
    }
};

const MATRIX_ROW = {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'interface', 'site', 'message', 'scenario', 'kind', 'handled', 'preconditions', 'stimulus',
        'expected', 'owner', 'evidenceRequired', 'evidence', 'criteria', 'location'],
    properties: {
        id: { type: 'string', pattern: '^TM-[A-Za-z0-9_.-]+$', description: 'Stable id, derived from interface, site, message and scenario.' },
        interface: TEXT,
        site: { type: ['string', 'null'] },
        message: { type: ['string', 'null'] },
        scenario: TEXT,
        kind: { type: 'string', enum: ['normal', 'exception', 'semantic'] },
        handled: { type: 'boolean', description: 'False when the spec does not handle the scenario.' },
        preconditions: TEXT,
        stimulus: TEXT,
        expected: TEXT,
        owner: NAMES,
        evidenceRequired: NAMES,
        evidence: EVIDENCE_STATE,
        observed: OBSERVATION,
        criteria: { ...NAMES, description: 'Gate criteria (Gate.Criterion) the row feeds.' },
        location: {
            type: 'object', additionalProperties: false, required: ['file', 'line'],
            properties: { file: TEXT, line: { type: 'integer', minimum: 1 } }
        }
    }
};

const COUNTS = {
    type: 'object', additionalProperties: false,
    required: ['pending', 'done', 'passed', 'failed', 'waived'],
    properties: Object.fromEntries(STATUS.enum.map(status => [status, { type: 'integer', minimum: 0 }]))
};

export const TEST_MATRIX_SCHEMA = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://interspec.dev/schemas/test-matrix.schema.json',
    title: 'Interspec test matrix',
    description: 'One row per interface x message type x scenario x site.',
    type: 'object',
    additionalProperties: false,
    required: ['$schema', 'formatVersion', 'rows', 'summary'],
    properties: {
        $schema: TEXT,
        formatVersion: { const: 1 },
        rows: { type: 'array', items: MATRIX_ROW },
        summary: {
            type: 'object', additionalProperties: false, required: ['rows', 'interfaces', 'unhandled', 'byStatus'],
            properties: {
                rows: { type: 'integer', minimum: 0 },
                interfaces: { type: 'integer', minimum: 0 },
                unhandled: { type: 'integer', minimum: 0 },
                byStatus: COUNTS
            }
        }
    }
};

const CHECKLIST_ITEM = {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'title', 'declared', 'owner', 'evidenceRequired', 'tests', 'status', 'evidence', 'notes'],
    properties: {
        id: { type: 'string', description: 'Gate.Criterion for a declared criterion, Gate.group.Element for an item the spec implies.' },
        title: TEXT,
        declared: { type: 'boolean' },
        owner: NAMES,
        evidenceRequired: NAMES,
        tests: { ...NAMES, description: 'Test-matrix ids this item depends on.' },
        status: STATUS,
        evidence: EVIDENCE_STATE,
        notes: NAMES,
        decided: {
            type: 'object', additionalProperties: false, required: ['evidence', 'observedPassed', 'observedFailed'],
            description: 'When samples observed any of its test cases: how many an evidence entry decides, and how many the samples decide as passed and as failed.',
            properties: { evidence: { type: 'integer', minimum: 0 }, observedPassed: { type: 'integer', minimum: 0 }, observedFailed: { type: 'integer', minimum: 0 } }
        }
    }
};

const CHECKLIST = {
    type: 'object',
    additionalProperties: false,
    required: ['gate', 'sites', 'approvers', 'after', 'decision', 'reasons', 'blockingFindings', 'groups', 'counts'],
    properties: {
        gate: TEXT, title: TEXT, phase: TEXT, hypercare: TEXT,
        sites: NAMES, approvers: NAMES, after: NAMES,
        decision: { type: 'string', enum: ['GO', 'NO-GO'] },
        reasons: NAMES,
        blockingFindings: {
            type: 'array',
            items: {
                type: 'object', additionalProperties: false, required: ['file', 'line', 'column', 'code', 'message'],
                properties: { file: TEXT, line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 }, code: TEXT, message: TEXT }
            }
        },
        groups: {
            type: 'array',
            items: {
                type: 'object', additionalProperties: false, required: ['id', 'title', 'items'],
                properties: {
                    id: { type: 'string', enum: ['exceptions', 'data-meaning', 'compliance', 'readiness', 'load-test', 'ownership', 'monitoring', 'vendor'] },
                    title: TEXT,
                    items: { type: 'array', items: CHECKLIST_ITEM }
                }
            }
        },
        counts: COUNTS
    }
};

export const CHECKLIST_SCHEMA = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://interspec.dev/schemas/go-live-checklist.schema.json',
    title: 'Interspec go-live checklists',
    description: 'One checklist per gate, with its items grouped by the go-live questions and a GO / NO-GO decision.',
    type: 'object',
    additionalProperties: false,
    required: ['$schema', 'formatVersion', 'checklists'],
    properties: {
        $schema: TEXT,
        formatVersion: { const: 1 },
        checklists: { type: 'array', items: CHECKLIST }
    }
};

const DIFF_FINDING = {
    type: 'object',
    additionalProperties: false,
    required: ['file', 'line', 'column', 'severity', 'code', 'message'],
    properties: {
        file: { type: 'string', description: 'Relative to the workspace root.' },
        line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 },
        severity: { type: 'string', enum: ['error', 'warning', 'info'] }, code: TEXT, message: TEXT
    }
};
const DIFF_TEST_CASE = {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'interface', 'site', 'message', 'scenario', 'handled', 'status'],
    properties: {
        id: { type: 'string', description: 'The stable test-matrix id (TM-...).' }, interface: TEXT,
        site: { type: ['string', 'null'] }, message: { type: ['string', 'null'] }, scenario: TEXT,
        handled: { type: 'boolean' }, status: { ...STATUS, description: 'The status that decides the row: its evidence entry\'s, else what the samples observed, else pending.' }
    }
};
const DECISION = { type: ['string', 'null'], enum: ['GO', 'NO-GO', null], description: 'null: the gate does not exist in that revision.' };
const COUNT = { type: 'integer', minimum: 0 };

export const SPEC_DIFF_SCHEMA = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://interspec.dev/schemas/spec-diff.schema.json',
    title: 'Interspec spec diff',
    description: 'What a change does to a spec (interspec diff): test cases added, removed and changed by stable id, findings introduced and resolved, gate decisions changed.',
    type: 'object',
    additionalProperties: false,
    required: ['$schema', 'formatVersion', 'base', 'head', 'summary', 'gates', 'testCases', 'findings'],
    properties: {
        $schema: TEXT,
        formatVersion: { const: 1 },
        base: { type: 'string', description: 'The base revision or folder.' },
        head: { type: 'string', description: 'The head revision or folder.' },
        summary: {
            type: 'object',
            additionalProperties: false,
            required: ['testCasesAdded', 'testCasesRemoved', 'testCasesChanged', 'findingsIntroduced', 'findingsResolved', 'gatesChanged'],
            properties: {
                testCasesAdded: COUNT, testCasesRemoved: COUNT, testCasesChanged: COUNT,
                findingsIntroduced: COUNT, findingsResolved: COUNT, gatesChanged: COUNT
            }
        },
        gates: {
            type: 'array',
            items: { type: 'object', additionalProperties: false, required: ['gate', 'before', 'after'], properties: { gate: TEXT, before: DECISION, after: DECISION } }
        },
        testCases: {
            type: 'object',
            additionalProperties: false,
            required: ['added', 'removed', 'changed'],
            properties: {
                added: { type: 'array', items: DIFF_TEST_CASE },
                removed: { type: 'array', items: DIFF_TEST_CASE },
                changed: {
                    type: 'array',
                    items: {
                        type: 'object',
                        additionalProperties: false,
                        required: ['id', 'changes'],
                        properties: {
                            id: TEXT,
                            changes: {
                                type: 'array',
                                minItems: 1,
                                items: {
                                    type: 'object', additionalProperties: false, required: ['field', 'before', 'after'],
                                    properties: {
                                        field: { type: 'string', enum: ['handled', 'preconditions', 'stimulus', 'expected', 'owner', 'evidenceRequired', 'criteria', 'status', 'observed'] },
                                        before: {}, after: {}
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
        findings: {
            type: 'object',
            additionalProperties: false,
            required: ['introduced', 'resolved'],
            properties: { introduced: { type: 'array', items: DIFF_FINDING }, resolved: { type: 'array', items: DIFF_FINDING } }
        }
    }
};

/** Published schema files, by file name under schemas/. */
export const PUBLISHED_SCHEMAS: Record<string, object> = {
    'evidence.schema.json': EVIDENCE_SCHEMA,
    'test-matrix.schema.json': TEST_MATRIX_SCHEMA,
    'go-live-checklist.schema.json': CHECKLIST_SCHEMA,
    'spec-diff.schema.json': SPEC_DIFF_SCHEMA
};
