import { isChange, isGate, isSite, isSystem, type Gate, type Model } from '../language/generated/ast.js';
import { deviceVersionGaps, type DeviceVersionGap } from '../model/device-versions.js';
import { isDeviceKind, namesVendorCertificateOnly } from '../model/medical-devices.js';
import { checkPilotOrder } from './pilot-order.js';
import { isPlaceholder, isPlaceholderVersion, listText, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import type { RuleCheck, RuleContext } from './rule.js';

const siteBaseline: RuleCheck = {
    id: 'site-baseline',
    check({ model, report }) {
        for (const site of model.elements.filter(isSite)) {
            const baseline = site.baseline;
            if (!baseline) {
                report(site, `Site '${site.name}' has no baseline. Add \`baseline { device <name> model "…" version … hosts <systems> network <capacity> }\` before planning its rollout.`, {
                    property: 'name'
                });
                continue;
            }
            const missing = [
                ...(baseline.devices.length === 0 ? ['devices (`device <name> model "…" version …`)'] : []),
                ...(baseline.hosts.length === 0 && !baseline.hostsNone ? ['hosted systems (`hosts <system>, …`)'] : []),
                ...(!baseline.network ? ['network capacity (`network <amount> <unit>`)'] : [])
            ];
            if (missing.length > 0) {
                report(site, `The baseline of site '${site.name}' does not document its ${listText(missing)}.`, { property: 'name' });
            }
            for (const device of baseline.devices) {
                if (device.version === undefined || isPlaceholderVersion(device.version)) {
                    report(device, device.version === undefined
                        ? `Device '${device.name}' at site '${site.name}' has no software version; add \`version <installed version>\`.`
                        : `Device '${device.name}' at site '${site.name}' has version '${device.version}', which names no release; write the installed version so compatibility statements can be checked.`, { property: 'name' });
                }
            }
        }
    }
};

const governedDeviation: RuleCheck = {
    id: 'governed-deviation',
    check({ model, workspace, report }) {
        checkDeviceVersions(model, { workspace, report });
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

const phasedRollout: RuleCheck = {
    id: 'phased-rollout',
    check({ model, workspace, report }) {
        const gatedSites = new Set(workspace.gates.flatMap(gate => gate.sites.map(refName)));
        if (gatedSites.size < 2) {
            return;
        }
        const bigBang = workspace.rollouts.find(rollout => rollout.bigBang);
        if (bigBang) {
            for (const rollout of model.elements.filter(e => e === bigBang)) {
                if (isPlaceholder(bigBang.reason)) {
                    report(rollout, 'A big-bang rollout needs its reason: write `rollout big-bang because "<why a pilot is not possible>"`.', { keyword: 'big-bang' });
                }
            }
            return;
        }
        checkPilotOrder(model, { workspace, report });
        const pilots = new Set(workspace.sites.filter(site => site.pilot).map(site => site.name));
        const pilotGates = workspace.gates.filter(gate => gate.sites.some(site => pilots.has(refName(site) ?? '')));
        for (const gate of model.elements.filter(isGate)) {
            if (pilotGates.includes(gate) || comesAfter(gate, pilotGates, workspace)) {
                continue;
            }
            const advice = pilotGates.length > 0
                ? `add \`after ${pilotGates[0].name}\` so the pilot goes live first`
                : 'mark one site `pilot` and make the other gates come `after` its gate';
            report(gate, `Gate '${gate.name}' does not follow a pilot site's gate: ${advice}, or declare \`rollout big-bang because "<reason>"\`.`, { property: 'name' });
        }
    }
};

/** Whether a gate follows (directly or through other gates) one of the given gates. */
function comesAfter(gate: Gate, targets: Gate[], workspace: WorkspaceIndex): boolean {
    const seen = new Set<Gate>();
    const queue = [gate];
    while (queue.length > 0) {
        const current = queue.shift()!;
        for (const name of current.after.map(refName)) {
            const previous = workspace.find(name, isGate);
            if (!previous || seen.has(previous)) {
                continue;
            }
            if (targets.includes(previous)) {
                return true;
            }
            seen.add(previous);
            queue.push(previous);
        }
    }
    return false;
}

const transitionPlan: RuleCheck = {
    id: 'transition-plan',
    check({ model, report }) {
        for (const system of model.elements.filter(isSystem)) {
            for (const replacement of system.replaces) {
                if (isPlaceholder(replacement.transition)) {
                    report(replacement, `'${system.name}' replaces '${refName(replacement.system)}' without saying how old and new coexist; add \`transition "<parallel run, cut-over, back-loading…>"\`.`, {
                        property: 'system',
                        fix: replacement.transition === undefined ? { title: 'Add a transition placeholder', target: replacement, inline: ' transition "TODO"' } : undefined
                    });
                }
            }
        }
    }
};

const regulatoryRecord: RuleCheck = {
    id: 'regulatory-record',
    check({ model, report }) {
        for (const system of model.elements.filter(isSystem)) {
            if (!system.medicalDevice) {
                if (!system.regulatory && isDeviceKind(system.kind)) {
                    report(system, `'${system.name}' (kind ${system.kind}) is a medical device, but is not marked \`medical-device\` and declares no regulatory regime; add \`medical-device\` and \`regulatory <MDR|IVDR|…> class <class> validation "<site validation record>"\`.`, {
                        property: 'name',
                        fix: { title: 'Mark it a medical device with a regulatory record placeholder', target: system, lines: ['medical-device', 'regulatory TODO class TODO validation "TODO"'] }
                    });
                }
                continue;
            }
            const regulatory = system.regulatory;
            if (!regulatory) {
                report(system, `Medical device '${system.name}' declares no regulatory regime. Add \`regulatory <MDR|IVDR|…> class <class> validation "<site validation record>"\`.`, {
                    property: 'name',
                    fix: { title: 'Add a regulatory record placeholder', target: system, lines: ['regulatory TODO class TODO validation "TODO"'] }
                });
                continue;
            }
            const missing = [
                ...(isPlaceholder(regulatory.regime) ? ['the regime (MDR, IVDR, …)'] : []),
                ...(regulatory.deviceClass === undefined || isPlaceholder(String(regulatory.deviceClass)) ? ['`class <class>`'] : []),
                ...(isPlaceholder(regulatory.validation) ? ['`validation "<site validation record>"`'] : [])
            ];
            if (missing.length > 0) {
                report(regulatory, `The regulatory record of '${system.name}' lacks ${listText(missing)}; vendor certification does not replace the site's validation.`);
            } else if (namesVendorCertificateOnly(regulatory.validation!, system.vendor)) {
                report(regulatory, `The validation of '${system.name}', "${regulatory.validation}", names the manufacturer's certification, not a validation at the site; write the site's record (installation, operational and performance qualification, acceptance tests).`, { property: 'validation' });
            }
        }
    }
};

export const rolloutRules: RuleCheck[] = [siteBaseline, governedDeviation, phasedRollout, transitionPlan, regulatoryRecord];
