import { statSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, ConfigError, effectiveSeverity, ruleOptions, type ResolvedConfig, type RuleOptions, type RuleSeverity } from '../config/index.js';
import { defaultConfig, loadConfig } from '../rules/configuration.js';
import { findRule } from '../rules/registry.js';

/** A root's configuration as last read: the resolved settings, or defaults with the error that made it unreadable. */
export interface StoredConfig {
    config: ResolvedConfig;
    error?: ConfigError;
    /** mtime and size of every file it was read from (interspec.yaml and what it extends), to notice edits. */
    stamps: Map<string, number>;
}

/**
 * The one place a workspace root's `interspec.yaml` is read: the rules, the generators, the CLI and the editor
 * ask it, and it re-reads a root's files when one of them changed on disk. On top of every file sits the
 * editor's `interspec.rules` setting, a personal layer of severities.
 */
export class ConfigurationStore {
    private readonly configs = new Map<string, StoredConfig>();
    private configFile: string | undefined;
    /** Severities from the editor's `interspec.rules` setting: a personal layer on top of every interspec.yaml. */
    private editorSeverities: Readonly<Record<string, RuleSeverity>> = {};

    /** Use one configuration file for every root (the CLI's `--config`); a relative path is taken from the current folder. */
    setConfigFile(file: string | undefined): void {
        this.configFile = file ? path.resolve(file) : undefined;
        this.configs.clear();
    }

    /**
     * Sets the editor's severity overrides (rule id -> error|warning|info|off); unknown rules and values are ignored.
     * Returns whether anything changed, so the caller knows to re-validate.
     */
    setEditorSeverities(overrides: unknown): boolean {
        const next: Record<string, RuleSeverity> = {};
        if (overrides && typeof overrides === 'object' && !Array.isArray(overrides)) {
            for (const [ruleId, severity] of Object.entries(overrides)) {
                if (findRule(ruleId) && typeof severity === 'string' && ['error', 'warning', 'info', 'off'].includes(severity)) {
                    next[ruleId] = severity as RuleSeverity;
                }
            }
        }
        const changed = JSON.stringify(next) !== JSON.stringify(this.editorSeverities);
        this.editorSeverities = next;
        return changed;
    }

    /** Forget every configuration read so far (an interspec.yaml changed); they are read again when next asked for. */
    clear(): void {
        this.configs.clear();
    }

    /** The configuration of a root; throws ConfigError when it is invalid. */
    configOf(root: string): ResolvedConfig {
        const stored = this.storedOf(root);
        if (stored.error) {
            throw stored.error;
        }
        return stored.config;
    }

    /** The configuration of a root, or undefined when it is invalid (a caller that reports the error elsewhere). */
    configIfValidOf(root: string): ResolvedConfig | undefined {
        const stored = this.storedOf(root);
        return stored.error ? undefined : stored.config;
    }

    /** The severity of a rule for one file of a root (path relative to the root): the editor's setting, else the configuration's. */
    severityOf(stored: StoredConfig, ruleId: string, relativeFile: string): RuleSeverity {
        return this.editorSeverities[ruleId] ?? effectiveSeverity(stored.config, ruleId, relativeFile);
    }

    /** The options of a rule for one file of a root. */
    optionsOf(stored: StoredConfig, ruleId: string, relativeFile: string): RuleOptions {
        return ruleOptions(stored.config, ruleId, relativeFile);
    }

    /**
     * The configuration of a root as last read, read again when one of its files changed. A new object whenever it
     * was read again, so caches keyed on it (the finding cache) notice.
     */
    storedOf(root: string): StoredConfig {
        const cached = this.configs.get(root);
        if (cached && [...cached.stamps].every(([file, stamp]) => stampOf(file) === stamp)) {
            return cached;
        }
        const main = this.configFile ?? path.join(root, CONFIG_FILE_NAME);
        let result: StoredConfig;
        try {
            const config = loadConfig(root, this.configFile);
            result = { config, stamps: stampsOf([main, ...config.files]) };
        } catch (error) {
            if (!(error instanceof ConfigError)) {
                throw error;
            }
            result = { config: defaultConfig(), error, stamps: stampsOf([main, error.file]) };
        }
        this.configs.set(root, result);
        return result;
    }
}

function stampsOf(files: string[]): Map<string, number> {
    return new Map(files.map(file => [file, stampOf(file)]));
}

function stampOf(file: string): number {
    try {
        const stat = statSync(file);
        return stat.mtimeMs * 1000 + stat.size;
    } catch {
        return -1;
    }
}
