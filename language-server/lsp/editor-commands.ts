/**
 * Ids of the editor commands the server puts into code lenses. The VS Code extension registers exactly these
 * (it imports this file), so a lens never names a command the client does not have.
 * Arguments of both: `[documentUri: string, elementName: string]`; the preview opens scrolled to that element.
 */
export const EDITOR_COMMANDS = {
    openTestMatrixPreview: 'interspec.openTestMatrixPreview',
    openChecklistPreview: 'interspec.openChecklistPreview'
} as const;
