/**
 * The VS Code commands of the extension: package.json's `contributes.commands` lists exactly these ids (a test
 * keeps them equal) and the extension registers each of them.
 */
export const COMMANDS = {
    generateTestMatrix: 'interspec.generateTestMatrix',
    generateChecklist: 'interspec.generateChecklist',
    openTestMatrixPreview: 'interspec.openTestMatrixPreview',
    openChecklistPreview: 'interspec.openChecklistPreview',
    restartServer: 'interspec.restartServer',
    showOutput: 'interspec.showOutput',
    openStarter: 'interspec.openStarter'
} as const;

export type CommandId = typeof COMMANDS[keyof typeof COMMANDS];

/**
 * The commands the server puts into code lenses, so a lens never names a command the client does not have.
 * Arguments of both: `PreviewCommandArgs`; the preview opens scrolled to that element.
 */
export const EDITOR_COMMANDS = {
    openTestMatrixPreview: COMMANDS.openTestMatrixPreview,
    openChecklistPreview: COMMANDS.openChecklistPreview
} as const;

/** The arguments of a code lens's preview command: the document it is in and the interface or gate it is on. */
export type PreviewCommandArgs = [documentUri: string, elementName: string];

/** Arguments the generate commands accept (from keybindings, tasks or tests) instead of asking. */
export interface GenerateCommandArgs {
    format?: string;
    gate?: string;
}
