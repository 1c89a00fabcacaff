import * as path from 'node:path';
import { loadGeneratorInput, type GeneratorInput } from '../../language-server/generators/index.js';
import type { Finding } from '../../language-server/model/findings.js';
import { loadWorkspace } from './load-workspace.js';
import { resolveSampleFiles } from './sample-files.js';
import { UserError } from './user-error.js';

/** `--samples` and `--interface` of `matrix`, `checklist` and `gate`, as `check` takes them. */
export interface SampleFlags {
    /** Captured message files or globs besides the interfaces' own `samples`. */
    samples?: string[];
    /** The interface the `--samples` files are checked against instead of matching each message. */
    interfaceName?: string;
}

/**
 * The generator input of the one workspace that holds `paths` (files, folders or globs, as `check` takes them;
 * default the workspace of the current folder), built with the same configuration `check` uses. A user error when
 * the paths hold no `.ispec` file or span more than one workspace (a matrix or checklist is of one workspace).
 * Its data-meaning rows carry what the interfaces' `samples` and the `--samples` files showed; an unknown
 * `--interface` or a `--samples` pattern that matches nothing is a user error.
 */
export async function loadWorkspaceInput(paths: string[], cwd: string, configFile?: string, samples: SampleFlags = {}): Promise<{ input: GeneratorInput, root: string, evidenceFindings: Finding[] }> {
    const loaded = await loadWorkspace(paths, cwd, { configFile });
    if (loaded.folders.length > 1) {
        const names = loaded.folders.map(folder => path.relative(cwd, folder) || '.').join(', ');
        throw new UserError(`the paths belong to ${loaded.folders.length} workspaces (${names}); give paths of one workspace`);
    }
    const root = loaded.folders[0];
    const files = await resolveSampleFiles(samples.samples ?? [], cwd);
    let input: GeneratorInput;
    try {
        input = await loadGeneratorInput(loaded.built.services, root, { samples: { files, interface: samples.interfaceName } });
    } catch (error) {
        if (error instanceof Error && error.name === 'UnknownInterfaceError') throw new UserError(error.message);
        throw error;
    }
    return { input, root, evidenceFindings: input.evidence?.findings ?? [] };
}
