import { isSystem } from '../language/generated/ast.js';
import { isDeviceKind, namesVendorCertificateOnly } from '../model/medical-devices.js';
import { isPlaceholder, listText } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

export const regulatoryRecordRule: Rule = {
    id: 'regulatory-record',
    area: 'rollout',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Regulated devices and software declare their regime and class and the site validation record.',
    description: 'Vendor certification does not replace site-specific validation. A system marked `medical-device` '
        + 'declares `regulatory <MDR|IVDR|…> class <class> validation "<record>"`; the record is the site\'s own validation '
        + '(qualification, acceptance tests), not the manufacturer\'s certificate or declaration of conformity. A system whose '
        + '`kind` is a medical device (modality, analyser, steriliser, infusion pump…) is marked `medical-device`.',
    options: NO_OPTIONS,
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
