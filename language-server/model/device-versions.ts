import type { Device, Site } from '../language/generated/ast.js';
import { deviceModelKey, isPlaceholder, isPlaceholderVersion, refName } from './workspace-index.js';

/** One installed device of a model, as the version comparison sees it. */
interface Installed {
    site: Site;
    device: Device;
    /** The version as compared: trimmed, lower case. */
    version: string;
}

/** A device whose version differs from its model's reference installation with no deviation recording it. */
export interface DeviceVersionGap {
    site: Site;
    device: Device;
    reference: { site: Site, device: Device };
}

/** A version as compared: "VB20" and "vb20 " are one. */
function versionKey(version: string | number): string {
    return String(version).trim().toLowerCase();
}

/**
 * The reference installation of each device model (key: deviceModelKey): the pilot site's, since the pilot
 * validates the build the others receive; else the version most sites run, ties to the first in document order.
 * Models installed at one site only have nothing to compare with and are left out.
 */
function referenceVersions(sites: readonly Site[]): Map<string, Installed> {
    const byModel = new Map<string, Installed[]>();
    for (const site of sites) {
        for (const device of site.baseline?.devices ?? []) {
            if (isPlaceholder(device.model) || isPlaceholderVersion(device.version)) continue;
            const key = deviceModelKey(device.model!);
            byModel.set(key, [...(byModel.get(key) ?? []), { site, device, version: versionKey(device.version!) }]);
        }
    }
    const references = new Map<string, Installed>();
    for (const [key, installed] of byModel) {
        if (new Set(installed.map(i => i.site)).size < 2) continue;
        const pilot = installed.find(i => i.site.pilot);
        const count = (version: string) => installed.filter(i => i.version === version).length;
        const common = installed.reduce((best, i) => count(i.version) > count(best.version) ? i : best, installed[0]);
        references.set(key, pilot ?? common);
    }
    return references;
}

/**
 * The same device model runs the same software version at every site (a model's behaviour, validation and vendor
 * compatibility statements hold for one version), unless the site records a deviation for it: a `deviation` that
 * names the device (`device <name>`), or, written without `device`, is tied to a declared change and whose name or
 * title names the device, its model or its installed version ("CT held on VB20"). Whether the deviation's change
 * is approved is checked on the deviation itself. Returns, in site and device order, the devices whose version
 * differs from the reference installation; `isChange` says whether a change of that name is declared.
 */
export function deviceVersionGaps(sites: readonly Site[], isChangeName: (name: string | undefined) => boolean): DeviceVersionGap[] {
    const references = referenceVersions(sites);
    const gaps: DeviceVersionGap[] = [];
    for (const site of sites) {
        for (const device of site.baseline?.devices ?? []) {
            if (isPlaceholder(device.model) || isPlaceholderVersion(device.version)) continue;
            const reference = references.get(deviceModelKey(device.model!));
            if (!reference || reference.site === site || reference.version === versionKey(device.version!) || deviationCovers(site, device, isChangeName)) {
                continue;
            }
            gaps.push({ site, device, reference: { site: reference.site, device: reference.device } });
        }
    }
    return gaps;
}

/** Whether a deviation of the site accounts for this device (see deviceVersionGaps). */
function deviationCovers(site: Site, device: Device, isChangeName: (name: string | undefined) => boolean): boolean {
    return site.deviations.some(deviation => {
        if (deviation.devices.length > 0) {
            return deviation.devices.includes(device.name);
        }
        if (!deviation.change || !isChangeName(refName(deviation.change))) {
            return false;
        }
        const words = new Set(`${deviation.name} ${deviation.title ?? ''}`.toLowerCase().split(/[^\p{L}\p{N}.]+/u).map(word => word.replace(/\.$/, '')));
        const text = `${deviation.title ?? ''}`.toLowerCase();
        return words.has(device.name.toLowerCase()) || words.has(versionKey(device.version!))
            || (device.model !== undefined && text.includes(device.model.trim().toLowerCase()));
    });
}
