import { isSystem, type System } from '../language/generated/ast.js';
import { isDeviceKind, kindWords, namesVendorCertificateOnly } from '../model/medical-devices.js';
import { isPlaceholder, listText } from '../model/workspace-index.js';
import type { Rule, RuleContext } from './rule.js';

/**
 * The classes of the regimes that grade risk as EU MDR 2017/745 Annex VIII does (I < IIa < IIb < III): the MDR,
 * the UK MDR 2002 (UKCA), Australia's TGA (Therapeutic Goods (Medical Devices) Regulations 2002, Schedule 2) and New
 * Zealand's WAND notifications. Class I's sub-classes (Is, Im, Ir) are class I. Other regimes grade otherwise and
 * are not compared.
 */
const EU_SCALE_REGIMES = new Set(['MDR', 'UKCA', 'UKMDR', 'TGA', 'WAND']);
const EU_SCALE = ['I', 'IIA', 'IIB', 'III'];

/**
 * The lowest class a device that acts on the patient can have, by a word of its `kind`, on the MDR scale (EU MDR
 * 2017/745 Annex VIII): an infusion or insulin pump administers medicinal products in a potentially hazardous
 * manner (Rule 12: IIb), a ventilator administers gas (Rule 12: IIb), a defibrillator or a dialysis machine
 * exchanges energy or substances with the body in a potentially hazardous way (Rules 9 and 12: IIb), an implantable
 * pacemaker is III (Rule 8), and software that monitors physiological processes, such as a secondary alarm system
 * that distributes the alarms of monitors and ventilators, is at least IIa (Rule 11). Software that drives a device
 * is in the device's class (Annex VIII, Chapter II, 3.3): a pump server is a pump's.
 */
const DEFAULT_MINIMUM_CLASS: Readonly<Record<string, string>> = {
    infusion: 'IIb', pump: 'IIb', insulin: 'IIb', ventilator: 'IIb', defibrillator: 'IIb', dialysis: 'IIb', pacemaker: 'III', alarm: 'IIa', alarms: 'IIa'
};

/** A class written `IIb`, `iib`, `Is` on the MDR scale's index (0 for I ... 3 for III), or -1. */
function scaleIndex(deviceClass: string): number {
    const text = deviceClass.trim().toUpperCase();
    return EU_SCALE.indexOf(/^I[SMR]+$/.test(text) ? 'I' : text);
}

/**
 * The minimum class a system's `kind` calls for, with the kind word that calls for it, when the system declares a
 * class of an MDR-scale regime below it. Undefined otherwise.
 */
function belowMinimum(system: System, minimum: Readonly<Record<string, string>>): { word: string, required: string } | undefined {
    const regulatory = system.regulatory;
    if (!regulatory?.regime || regulatory.deviceClass === undefined || !EU_SCALE_REGIMES.has(regulatory.regime.toUpperCase())) return undefined;
    const declared = scaleIndex(String(regulatory.deviceClass));
    if (declared < 0) return undefined;
    let worst: { word: string, required: string } | undefined;
    for (const word of kindWords(system.kind)) {
        const required = minimum[word];
        if (required !== undefined && scaleIndex(required) > declared && (!worst || scaleIndex(required) > scaleIndex(worst.required))) {
            worst = { word, required };
        }
    }
    return worst;
}

export const regulatoryRecordRule: Rule = {
    id: 'regulatory-record',
    area: 'rollout',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Regulated devices and software declare their regime and class and the site validation record.',
    description: 'Vendor certification does not replace site-specific validation. A system marked `medical-device` '
        + 'declares `regulatory <MDR|IVDR|…> class <class> validation "<record>"`; the record is the site\'s own validation '
        + '(qualification, acceptance tests), not the manufacturer\'s certificate or declaration of conformity. A system whose '
        + '`kind` is a medical device (modality, analyser, steriliser, infusion pump…) is marked `medical-device`. A device that '
        + 'acts on the patient declares at least the class its kind has under MDR Annex VIII (option `minimum-class`): an infusion '
        + 'pump, a pump server, a ventilator at IIb, a secondary alarm system at IIa.',
    options: {
        type: 'object', additionalProperties: false,
        properties: {
            'minimum-class': {
                type: 'object',
                additionalProperties: { type: 'string', enum: ['I', 'IIa', 'IIb', 'III'] },
                description: `The lowest class, on the MDR scale (MDR, UKCA, TGA, WAND), of a device whose \`kind\` has the word (defaults, from MDR Annex VIII: ${Object.entries(DEFAULT_MINIMUM_CLASS).map(([word, deviceClass]) => `${word} ${deviceClass}`).join(', ')}).`,
                default: DEFAULT_MINIMUM_CLASS
            }
        }
    },
    check({ model, options, report }) {
        const minimum = { ...DEFAULT_MINIMUM_CLASS, ...(options['minimum-class'] as Record<string, string> | undefined) };
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
            reportBelowMinimum(system, minimum, report);
        }
    }
};

/** A patient-acting device declared below the class its kind has (ICU-06: a ventilators' alarm system at MDR class I). */
function reportBelowMinimum(system: System, minimum: Readonly<Record<string, string>>, report: RuleContext['report']): void {
    const below = belowMinimum(system, minimum);
    if (!below || !system.regulatory) return;
    report(system.regulatory, `'${system.name}' (kind ${system.kind}) is declared ${system.regulatory.regime} class ${system.regulatory.deviceClass}, below class ${below.required}, the lowest class of a device of kind '${below.word}' under MDR Annex VIII: its conformity assessment and site validation are held to too low a risk. Check the manufacturer's declaration of conformity and correct the class, or set \`regulatory-record: [warning, { minimum-class: { ${below.word}: <class> } }]\` with the reason.`, {
        property: 'deviceClass'
    });
}
