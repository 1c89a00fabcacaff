import { loadConfig } from '../../language-server/config/index.js';
import { loadGeneratorInput, type GeneratorInput } from '../../language-server/generators/index.js';
import type { Finding } from '../../language-server/findings.js';
import { loadWorkspace } from './load-workspace.js';

/**
 * The generator input of the workspace that holds `folder` (its nearest `interspec.yaml` above, or the folder
 * itself), built with the same configuration `check` uses.
 */
export async function loadWorkspaceInput(folder: string, cwd: string, configFile?: string): Promise<{ input: GeneratorInput, root: string, evidenceFindings: Finding[] }> {
    const loaded = await loadWorkspace([folder], cwd, { configFile, allowEmpty: true });
    const root = loaded.folders[0];
    const config = loadConfig(root, configFile);
    const input = await loadGeneratorInput(loaded.built, root, { config });
    return { input, root, evidenceFindings: input.evidence?.findings ?? [] };
}
