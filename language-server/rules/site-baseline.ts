import { isSite } from '../language/generated/ast.js';
import { isPlaceholderVersion, listText } from '../model/workspace-index.js';
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
