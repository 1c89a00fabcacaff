import { isInterface } from '../language/generated/ast.js';
import { listText } from '../model/workspace-index.js';
import { NAME_PATTERN, type Rule } from './rule.js';

/** What a top-level change authority must cover unless interspec.yaml sets `change-authority: { scopes }`. */
const DEFAULT_CHANGE_SCOPES = ['updates', 'patches', 'configuration'];

/** Somebody approves updates, patches and configuration changes, per interface or for the whole workspace. */
export const changeAuthorityRule: Rule = {
    id: 'change-authority',
    area: 'ownership',
    defaultSeverity: 'warning',
    fixable: true,
    summary: `Someone approves changes (${DEFAULT_CHANGE_SCOPES.join(', ')}) to each interface.`,
    description: 'Software updates, cybersecurity patches and configuration changes made without a named approver '
        + 'let an integration drift from its validated state. Each interface names a `change-authority`, or the '
        + `workspace declares one top-level \`change-authority\` that covers ${listText(DEFAULT_CHANGE_SCOPES)} `
        + '(option `scopes`).',
    options: {
        type: 'object', additionalProperties: false,
        properties: { scopes: { type: 'array', items: { type: 'string', pattern: NAME_PATTERN }, uniqueItems: true, default: DEFAULT_CHANGE_SCOPES } }
    },
    check({ model, workspace, options, report }) {
        const scopes = (options.scopes as string[] | undefined) ?? DEFAULT_CHANGE_SCOPES;
        for (const authority of model.elements.filter(e => e.$type === 'ChangeAuthority')) {
            const covered = (authority as { scopes: string[] }).scopes;
            const missing = scopes.filter(scope => covered.length > 0 && !covered.includes(scope));
            if (missing.length > 0) {
                report(authority, `This change authority does not cover ${listText(missing)}; add them to \`covers\`, or declare another \`change-authority\` for them.`, {
                    property: 'scopes', index: covered.length - 1,
                    fix: { title: 'Cover the missing change scopes', target: authority, inline: `, ${missing.join(', ')}` }
                });
            }
        }
        if (workspace.changeAuthorities.length > 0) {
            return;
        }
        for (const node of model.elements.filter(isInterface)) {
            if (!node.changeAuthority) {
                report(node, `Nobody approves changes (${listText(scopes)}) to interface '${node.name}'. Add \`change-authority <team or role>\`, or one top-level \`change-authority <team> covers ${scopes.join(', ')}\` for the workspace.`, {
                    property: 'name',
                    fix: { title: 'Add a change authority placeholder', target: node, lines: ['// TODO: change-authority <the team or role that approves changes>'] }
                });
            }
        }
    }
};
