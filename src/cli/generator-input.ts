import * as path from 'node:path';
import { loadConfig } from '../../language-server/rules/configuration.js';
import { loadGeneratorInput, type GeneratorInput } from '../../language-server/generators/index.js';
import type { Finding } from '../../language-server/model/findings.js';
import { loadWorkspace } from './load-workspace.js';
import { UserError } from './user-error.js';

/**
 * The generator input of the one workspace that holds `paths` (files, folders or globs, as `check` takes them;
 * default the workspace of the current folder), built with the same configuration `check` uses. A user error when
 * the paths hold no `.ispec` file or span more than one workspace (a matrix or checklist is of one workspace).
 */
export async function loadWorkspaceInput(paths: string[], cwd: string, configFile?: string): Promise<{ input: GeneratorInput, root: string, evidenceFindings: Finding[] }> {
    const loaded = await loadWorkspace(paths, cwd, { configFile });
    if (loaded.folders.length > 1) {
        const names = loaded.folders.map(folder => path.relative(cwd, folder) || '.').join(', ');
        throw new UserError(`the paths belong to ${loaded.folders.length} workspaces (${names}); give paths of one workspace`);
    }
    const root = loaded.folders[0];
    const config = loadConfig(root, configFile && path.resolve(cwd, configFile));
    const input = await loadGeneratorInput(loaded.built, root, { config });
    return { input, root, evidenceFindings: input.evidence?.findings ?? [] };
}
