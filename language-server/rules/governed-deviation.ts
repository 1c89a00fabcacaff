import { isChange, isRole, isSite, type Change, type Model } from '../language/generated/ast.js';
import { deviceVersionGaps, type DeviceVersionGap } from '../model/device-versions.js';
import { listText, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';

export const governedDeviationRule: Rule = {
    id: 'governed-deviation',
    area: 'rollout',
    defaultSeverity: 'error',
    fixable: false,
    summary: 'A site\'s local deviation references an approved change.',
    description: 'Local customisations that escape central governance complicate upgrades and support. Each '
        + '`deviation` names a `change` whose status is approved or implemented and which has an approver. The same device model '
        + 'runs the same software version at every site (the pilot site\'s, else the most common) unless a deviation of the '
        + 'site names the device (`device <name>`).',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        checkDeviceVersions(model, { workspace, report });
        for (const change of model.elements.filter(isChange)) {
            checkChangeApprover(change, { workspace, report });
        }
        for (const site of model.elements.filter(isSite)) {
            for (const deviation of site.deviations) {
                if (!deviation.change) {
                    report(deviation, `Deviation '${deviation.name}' at site '${site.name}' is not tied to a change; add \`change <approved change>\` so central governance knows about it.`, { property: 'name' });
                    continue;
                }
                const change = workspace.find(refName(deviation.change), isChange);
                if (!change) {
                    continue; // an unresolved reference is a structural error already
                }
                if (change.status !== 'approved' && change.status !== 'implemented') {
                    report(deviation, `Change '${change.name}' is ${change.status ?? 'without a status'}; a local deviation needs an approved change (\`status approved\`).`, { property: 'change' });
                } else if (!change.approver) {
                    report(deviation, `Change '${change.name}' names no approver; add \`approved-by <team or role>\` to it.`, { property: 'change' });
                }
            }
        }
    }
};

/**
 * A change a site's deviation rests on, approved by a party that holds no change authority where the workspace names
 * one (`change-authority ChangeBoard`): a local customisation approved by the team that asked for it escapes the
 * central governance the deviation is for. The authority may have delegated this kind of change, which only the spec's
 * authors know, so it asks (an info) on the change's `approved-by`. A role counts as its team.
 */
function checkChangeApprover(change: Change, context: Pick<RuleContext, 'workspace' | 'report'>): void {
    const { workspace, report } = context;
    const approver = refName(change.approver);
    const authorities = workspace.changeAuthorities.map(authority => refName(authority.approver)).filter((name): name is string => name !== undefined);
    if (!approver || authorities.length === 0 || (change.status !== 'approved' && change.status !== 'implemented')) return;
    const teamOf = (name: string) => refName(workspace.find(name, isRole)?.team) ?? name;
    if (authorities.some(authority => authority === approver || teamOf(authority) === teamOf(approver))) return;
    const deviations = workspace.sites.flatMap(site => site.deviations.filter(deviation => refName(deviation.change) === change.name).map(deviation => `${deviation.name} at ${site.name}`));
    if (deviations.length === 0) return;
    report(change, `Change '${change.name}', which deviation${deviations.length > 1 ? 's' : ''} ${listText(deviations)} rest${deviations.length > 1 ? '' : 's'} on, is approved by ${approver}, not by the change authority (${listText([...new Set(authorities)])}); if ${approver} does not hold change authority for this kind of change, have it approved there.`, {
        property: 'approver', severity: 'info'
    });
}

const DEVICE_VERSION_GAPS = new WeakMap<WorkspaceIndex, DeviceVersionGap[]>();

/** Reports deviceVersionGaps on the devices of `model`; the gaps are computed once per workspace index. */
function checkDeviceVersions(model: Model, context: Pick<RuleContext, 'workspace' | 'report'>): void {
    const { workspace } = context;
    let gaps = DEVICE_VERSION_GAPS.get(workspace);
    if (!gaps) {
        gaps = deviceVersionGaps(workspace.sites, name => workspace.find(name, isChange) !== undefined);
        DEVICE_VERSION_GAPS.set(workspace, gaps);
    }
    const sites = new Set(model.elements.filter(isSite));
    for (const { site, device, reference } of gaps.filter(gap => sites.has(gap.site))) {
        context.report(device, `Device '${device.name}' ("${device.model}") runs version ${device.version} here but ${reference.device.version} at site ${reference.site.name}, and no deviation of site '${site.name}' records the difference. Align the version, or add \`deviation <Name> "<why>" change <approved change> device ${device.name}\`.`, {
            property: 'version'
        });
    }
}
