import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { LIMITS, LimitError, readRegularFileSync } from '../util/limits.js';
import { DEFAULT_CRITICAL_LEVELS } from '../model/domain-defaults.js';
import { closestName } from '../util/closest-name.js';
import { buildConfigSchema, type ConfigurableRule } from './config-schema.js';
import { schemaValidator } from './precompiled-validators.js';
import type { RuleSeverity } from './severity.js';
import { matchesGlob } from './glob.js';

import { CONFIG_FILE_NAME, configPresent } from './file-name.js';

export { CONFIG_FILE_NAME };
/** Larger configuration files are refused rather than parsed. */
export const MAX_CONFIG_BYTES = LIMITS.configBytes;
/** Aliases a configuration may expand; more is an alias bomb, not a configuration. */
export const MAX_ALIAS_COUNT = 100;
const MAX_EXTENDS_DEPTH = 10;

export type RuleOptions = Readonly<Record<string, unknown>>;

export interface RuleSetting {
    severity: RuleSeverity;
    options: RuleOptions;
}

export interface ConfigOverride {
    files: string[];
    rules: Record<string, Partial<RuleSetting>>;
}

/** A workspace's configuration with every preset applied. */
export interface ResolvedConfig {
    /** The configuration file, or undefined when the workspace has none (defaults). */
    file?: string;
    /** The file and every preset file it extends: a change to any of them invalidates the configuration. */
    files: string[];
    /** Criticality levels that count as critical. */
    critical: string[];
    /** Every rule of the catalogue, with its severity and options. */
    rules: Record<string, RuleSetting>;
    overrides: ConfigOverride[];
}

// In a module of its own so that the CLI can recognise it without loading ajv and yaml (cold start).
import { ConfigError } from './config-error.js';

export { ConfigError };

/**
 * Reads interspec.yaml for one rule catalogue: the rules a file may name, their default severities and the schema
 * of their options (the catalogue is rules/index.ts; rules/configuration.ts holds its loader).
 */
export class ConfigLoader {
    private validator: ValidateFunction | undefined;
    private readonly ruleIds: string[];

    constructor(private readonly rules: readonly ConfigurableRule[]) {
        this.ruleIds = rules.map(rule => rule.id);
    }

    /** The JSON Schema of interspec.yaml for these rules. */
    schema(): Record<string, unknown> {
        return buildConfigSchema(this.rules);
    }

    /** The configuration of a workspace without interspec.yaml: every rule at its default severity. */
    defaults(): ResolvedConfig {
        const rules: Record<string, RuleSetting> = {};
        for (const rule of this.rules) {
            rules[rule.id] = { severity: rule.defaultSeverity, options: {} };
        }
        return { files: [], critical: [...DEFAULT_CRITICAL_LEVELS], rules, overrides: [] };
    }

    /**
     * Reads `<root>/interspec.yaml` (or `explicitFile`) with its presets. Returns defaults when there is no file;
     * throws ConfigError for anything invalid, never falling back to defaults silently.
     */
    load(root: string, explicitFile?: string): ResolvedConfig {
        const file = explicitFile ? path.resolve(explicitFile) : path.join(root, CONFIG_FILE_NAME);
        if (!explicitFile && !configPresent(file)) {
            return this.defaults();
        }
        const config = this.defaults();
        config.file = file;
        applyFile(config, file, [], this);
        return config;
    }

    /** Validates a configuration file's value against the schema; the errors are on the returned function. */
    validate(value: unknown): ValidateFunction {
        this.validator ??= schemaValidator(this.schema());
        this.validator(value);
        return this.validator;
    }

    /** The rule id closest to a misspelt one, if any is close. */
    closestRule(id: string): string | undefined {
        return closestName(id, this.ruleIds);
    }
}

/** The severity of a rule for one file (path relative to the workspace root, forward slashes). */
export function effectiveSeverity(config: ResolvedConfig, ruleId: string, relativeFile: string): RuleSeverity {
    return settingFor(config, ruleId, relativeFile).severity;
}

/** The options of a rule for one file: the rule's options with the matching overrides' options on top. */
export function ruleOptions(config: ResolvedConfig, ruleId: string, relativeFile: string): RuleOptions {
    return settingFor(config, ruleId, relativeFile).options;
}

function settingFor(config: ResolvedConfig, ruleId: string, relativeFile: string): RuleSetting {
    // Every rule of the catalogue is in the configuration; an id that is none is off.
    const base = config.rules[ruleId] ?? { severity: 'off', options: {} };
    let setting = base;
    for (const override of config.overrides) {
        const change = override.rules[ruleId];
        if (change && override.files.some(glob => matchesGlob(relativeFile, glob))) {
            setting = { severity: change.severity ?? setting.severity, options: { ...setting.options, ...change.options } };
        }
    }
    return setting;
}

// ---------------------------------------------------------------- reading one file

const PRESETS: Record<string, (config: ResolvedConfig) => void> = {
    /** Every rule at its default severity. */
    'interspec:recommended': () => undefined,
    /** Every rule that is on is an error. */
    'interspec:strict': config => {
        for (const setting of Object.values(config.rules)) {
            if (setting.severity !== 'off') {
                setting.severity = 'error';
            }
        }
    }
};

function applyFile(config: ResolvedConfig, file: string, chain: string[], loader: ConfigLoader): void {
    if (chain.includes(file)) {
        throw new ConfigError(chain[chain.length - 1], 1, 1, 'extends', `extends itself through ${[...chain, file].map(f => path.basename(f)).join(' -> ')}`);
    }
    if (chain.length > MAX_EXTENDS_DEPTH) {
        throw new ConfigError(file, 1, 1, 'extends', `presets are nested more than ${MAX_EXTENDS_DEPTH} deep`);
    }
    const { document, lines, value } = readYaml(file);
    config.files.push(file);
    const where = (segments: Array<string | number>, keyOnly = false) => locate(document, lines, segments, keyOnly);
    const check = loader.validate(value);
    if (check.errors?.length) {
        const error = pickError(check.errors);
        const segments = pointerSegments(error.instancePath);
        const extra = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
        const keySegments = extra ? [...segments, extra] : segments;
        const { line, column } = where(keySegments, extra !== undefined);
        throw new ConfigError(file, line, column, keySegments.join('.'), describeError(error, keySegments, extra, loader));
    }
    const data = value as { extends?: string | string[], critical?: string[], rules?: Record<string, unknown>, overrides?: Array<{ files: string | string[], rules: Record<string, unknown> }> };
    const presets = data.extends === undefined ? [] : Array.isArray(data.extends) ? data.extends : [data.extends];
    presets.forEach((preset, index) => {
        if (preset.startsWith('interspec:')) {
            const apply = PRESETS[preset];
            if (!apply) {
                const { line, column } = where(Array.isArray(data.extends) ? ['extends', index] : ['extends']);
                const suggestion = closestName(preset, Object.keys(PRESETS));
                throw new ConfigError(file, line, column, 'extends', `unknown preset '${preset}'${suggestion ? `; did you mean '${suggestion}'?` : `; use one of ${Object.keys(PRESETS).join(', ')}`}`);
            }
            apply(config);
            return;
        }
        const presetFile = path.resolve(path.dirname(file), preset);
        if (!existsSync(presetFile)) {
            const { line, column } = where(Array.isArray(data.extends) ? ['extends', index] : ['extends']);
            throw new ConfigError(file, line, column, 'extends', `cannot find preset '${preset}' (looked for ${presetFile})`);
        }
        applyFile(config, presetFile, [...chain, file], loader);
    });
    if (data.critical) {
        config.critical = [...data.critical];
    }
    for (const [id, raw] of Object.entries(data.rules ?? {})) {
        const change = toSetting(raw);
        const current = config.rules[id];
        config.rules[id] = { severity: change.severity ?? current.severity, options: { ...current.options, ...change.options } };
    }
    for (const override of data.overrides ?? []) {
        const rules: Record<string, Partial<RuleSetting>> = {};
        for (const [id, raw] of Object.entries(override.rules)) {
            rules[id] = toSetting(raw);
        }
        config.overrides.push({ files: Array.isArray(override.files) ? override.files : [override.files], rules });
    }
}

function toSetting(raw: unknown): Partial<RuleSetting> {
    if (typeof raw === 'string') {
        return { severity: raw as RuleSeverity };
    }
    const [severity, options] = raw as [RuleSeverity, RuleOptions | undefined];
    return { severity, options: options ?? {} };
}

function readYaml(file: string): { document: Document, lines: LineCounter, value: unknown } {
    let text: string;
    try {
        text = readRegularFileSync(file, MAX_CONFIG_BYTES, 'configuration files');
    } catch (error) {
        throw new ConfigError(file, 1, 1, '', error instanceof LimitError ? error.detail : `cannot read the configuration file${readFailure(error)}`);
    }
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const problem = document.errors[0];
    if (problem) {
        const position = lines.linePos(problem.pos[0]);
        throw new ConfigError(file, position.line, position.col, '', `invalid YAML: ${firstLine(problem.message)}`);
    }
    let value: unknown;
    try {
        value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
        throw new ConfigError(file, 1, 1, '', `cannot expand the YAML (${firstLine((error as Error).message)}); at most ${MAX_ALIAS_COUNT} aliases are allowed`);
    }
    // An empty file is a valid configuration: all defaults.
    return { document, lines, value: value ?? {} };
}

/** `: <cause> (<code>)` of a system error ('permission denied (EACCES)', a link to nothing: ENOENT), or nothing. */
function readFailure(error: unknown): string {
    const { code, message } = error as NodeJS.ErrnoException;
    return typeof code === 'string' ? `: ${/^E[A-Z0-9]+: ([^,]+)/.exec(message)?.[1] ?? 'input/output error'} (${code})` : '';
}

function firstLine(text: string): string {
    return text.split('\n')[0].trim();
}

/** Prefer the deepest error, and among equals the most telling one (unknown key, wrong value) over `oneOf` noise. */
function pickError(errors: ErrorObject[]): ErrorObject {
    const rank = (e: ErrorObject) => e.keyword === 'oneOf' ? 0 : e.keyword === 'type' ? 1 : 2;
    return [...errors].sort((a, b) => pointerSegments(b.instancePath).length - pointerSegments(a.instancePath).length || rank(b) - rank(a))[0];
}

function describeError(error: ErrorObject, segments: Array<string | number>, extra: string | undefined, loader: ConfigLoader): string {
    if (extra !== undefined) {
        const parent = segments[segments.length - 2];
        if (parent === 'rules') {
            const suggestion = loader.closestRule(extra);
            return `unknown rule '${extra}'${suggestion ? `; did you mean '${suggestion}'?` : '; `interspec rules` lists them'}`;
        }
        return `unknown key '${extra}'`;
    }
    if (segments[0] === 'rules' || (segments[0] === 'overrides' && segments[2] === 'rules')) {
        return `expected a severity (error, warning, info, off) or [severity, {options}]; ${error.message ?? 'invalid value'}`;
    }
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
    return `${error.message ?? 'invalid value'}${allowed ? ` (${allowed.join(', ')})` : ''}`;
}

function pointerSegments(pointer: string): Array<string | number> {
    if (!pointer) {
        return [];
    }
    return pointer.slice(1).split('/').map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map(part => /^\d+$/.test(part) ? Number(part) : part);
}

/** Line and column (1-based) of the value (or the key) at a path in the YAML document. */
function locate(document: Document, lines: LineCounter, segments: Array<string | number>, keyOnly: boolean): { line: number, column: number } {
    let node: YamlNode | null | undefined = document.contents as YamlNode | null;
    let offset = node?.range?.[0] ?? 0;
    for (const segment of segments) {
        if (isMap(node)) {
            const pair = node.items.find(item => isScalar(item.key) && String(item.key.value) === String(segment));
            if (!pair) {
                break;
            }
            const key = pair.key as YamlNode;
            offset = key.range?.[0] ?? offset;
            if (keyOnly && segment === segments[segments.length - 1]) {
                break;
            }
            node = pair.value as YamlNode | null;
            offset = node?.range?.[0] ?? offset;
        } else if (isSeq(node) && typeof segment === 'number') {
            node = node.items[segment] as YamlNode | undefined;
            offset = node?.range?.[0] ?? offset;
        } else {
            break;
        }
    }
    const position = lines.linePos(offset);
    return { line: position.line, column: position.col };
}
