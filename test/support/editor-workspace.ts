import { buildWorkspace, type BuildOptions, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import { createInterspecServices, type InterspecServices } from '../../language-server/lsp/interspec-lsp-module.js';

/**
 * Builds folders as the CLI does, but with the editor's services too (completion, code actions, hover...), for
 * tests that call editor features in process. The CLI itself builds the core alone.
 */
export function buildEditorWorkspace(folders: string[], options: Omit<BuildOptions<InterspecServices>, 'createServices'> = {}): Promise<BuiltWorkspace<InterspecServices>> {
    return buildWorkspace(folders, { ...options, createServices: createInterspecServices });
}
