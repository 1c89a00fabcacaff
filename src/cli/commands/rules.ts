import * as path from 'node:path';
import { effectiveSeverity } from '../../../language-server/config/index.js';
import { loadConfig } from '../../../language-server/rules/configuration.js';
import { RULES } from '../../../language-server/rules/registry.js';
import { findConfigFolder } from '../workspace-folders.js';
import { ExitCode } from '../user-error.js';
import { StreamOutput } from '../write-layer.js';

export interface RulesOptions {
    workspace: string;
    format: 'text' | 'json';
    configFile?: string;
    cwd: string;
    stdout: NodeJS.WritableStream;
}

/**
 * `interspec rules`: the catalog with each rule's area, default severity and effective severity in the workspace
 * of the current folder (its interspec.yaml, or `--config`); rules that file overrides name the patterns.
 */
export async function runRules(options: RulesOptions): Promise<number> {
    const start = path.resolve(options.cwd, options.workspace);
    const root = findConfigFolder(start) ?? start;
    const config = loadConfig(root, options.configFile);
    const rows = RULES.map(rule => {
        const overrides = config.overrides
            .filter(override => override.rules[rule.id]?.severity !== undefined)
            .map(override => ({ files: override.files, severity: override.rules[rule.id].severity! }));
        return {
            id: rule.id, area: rule.area, defaultSeverity: rule.defaultSeverity,
            effectiveSeverity: effectiveSeverity(config, rule.id, ''), fixable: rule.fixable, summary: rule.summary,
            ...(overrides.length > 0 ? { overrides } : {})
        };
    });
    const stdout = new StreamOutput(options.stdout);
    if (options.format === 'json') {
        const configFile = config.file ? path.relative(options.cwd, config.file).split(path.sep).join('/') || config.file : null;
        await stdout.write(JSON.stringify({ config: configFile, rules: rows }, undefined, 2) + '\n');
        await stdout.flush();
        return ExitCode.Clean;
    }
    const header = ['rule', 'area', 'default', 'effective', 'summary'];
    const table = rows.map(row => [
        row.id, row.area, row.defaultSeverity,
        row.effectiveSeverity + (row.overrides ? ` (${row.overrides.map(o => `${o.severity} in ${o.files.join(', ')}`).join('; ')})` : ''),
        row.summary
    ]);
    const widths = header.slice(0, 4).map((title, i) => Math.max(title.length, ...table.map(row => row[i].length)));
    const line = (cells: string[]) => cells.map((cell, i) => i < 4 ? cell.padEnd(widths[i]) : cell).join('  ').trimEnd();
    await stdout.write([line(header), ...table.map(line)].join('\n') + '\n');
    await stdout.write(`\n${RULES.length} rules; severities from ${config.file ? path.relative(options.cwd, config.file) || config.file : 'the defaults (no interspec.yaml)'}. Each rule's page: docs/rules/<rule>.md\n`);
    await stdout.flush();
    return ExitCode.Clean;
}
