import { isSite, type Site, type System } from '../language/generated/ast.js';
import { sitesOfInterface } from '../model/interface-sites.js';
import { isDeviceKind, kindWords } from '../model/medical-devices.js';
import { isPlaceholderVersion, listText, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

export const siteBaselineRule: Rule = {
    id: 'site-baseline',
    area: 'rollout',
    defaultSeverity: 'warning',
    fixable: false,
    summary: 'Each site documents its devices and software versions, hosted systems and network capacity.',
    description: 'No two sites are identical; rollout decisions made without a baseline meet aging middleware and '
        + 'constrained bandwidth late. Each site has `baseline { device … version …; hosts …; network … }`.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const site of model.elements.filter(isSite)) {
            const baseline = site.baseline;
            if (!baseline) {
                const device = devicesInScope(site, workspace) ? 'device <name> model "…" version … ' : '';
                report(site, `Site '${site.name}' has no baseline. Add \`baseline { ${device}hosts <systems> network <capacity> }\` before planning its rollout.`, {
                    property: 'name'
                });
                continue;
            }
            const missing = [
                ...(baseline.devices.length === 0 && devicesInScope(site, workspace) ? ['devices (`device <name> model "…" version …`)'] : []),
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

/** A device: marked `medical-device`, of a device kind (analyser, modality, pump …), or a device gateway or manager. */
function isDevice(system: System | undefined): boolean {
    return system !== undefined && (system.medicalDevice || isDeviceKind(system.kind) || kindWords(system.kind).includes('device'));
}

/**
 * Whether a site has devices in scope, so its baseline lists them: an interface that runs at the site (its `sites`,
 * or where its systems are hosted) sends from or to a device. A site whose interfaces involve none (a GP practice
 * sending e-referrals, a clinic on central systems) has no devices to document, and is not asked for them.
 */
function devicesInScope(site: Site, workspace: WorkspaceIndex): boolean {
    return workspace.interfaces.some(node => (isDeviceAt(node.source?.ref, site, workspace) || isDeviceAt(node.target?.ref, site, workspace)) && sitesOfInterface(node, workspace).has(site.name));
}

/**
 * Whether a device end of an interface is at the site: a device some site's baseline `hosts` is that site's to
 * document (regulated laboratory software hosted at the laboratory is not a device of the hospitals it reports to);
 * one no baseline hosts may be at any site the interface runs at.
 */
function isDeviceAt(system: System | undefined, site: Site, workspace: WorkspaceIndex): boolean {
    if (!isDevice(system)) return false;
    const hosts = workspace.sites.filter(candidate => candidate.baseline?.hosts.some(ref => ref.ref === system || refName(ref) === system!.name));
    return hosts.length === 0 || hosts.includes(site);
}
