import { isInterface, type System } from '../language/generated/ast.js';
import { kindWords } from '../model/medical-devices.js';
import { isCritical } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

/**
 * Risk classes in which a device's failure can seriously harm a patient, keyed by regime in upper case: EU MDR
 * 2017/745 Annex VIII classes IIb and III (an infusion pump, a ventilator, a secondary alarm system), the same classes
 * under Australia's TGA (Therapeutic Goods (Medical Devices) Regulations 2002, Schedule 2) and New Zealand's WAND
 * notifications (GHTF classes), EU IVDR 2017/746 Annex VIII classes C and D, Health Canada classes III and IV
 * (Medical Devices Regulations SOR/98-282, Schedule 1), and US FDA class III (21 CFR 860.3).
 */
const HIGH_RISK_CLASSES: Readonly<Record<string, ReadonlySet<string>>> = {
    MDR: new Set(['IIB', 'III']),
    TGA: new Set(['IIB', 'III']),
    WAND: new Set(['IIB', 'III']),
    IVDR: new Set(['C', 'D']),
    HEALTHCANADA: new Set(['III', 'IV']),
    FDA: new Set(['III', '3'])
};

/**
 * Devices a message drives at the patient, by the words of their `kind`: it sets a dose or a ventilation, or raises
 * the alarm a nurse answers. A wrong message to an imaging modality (a worklist) is caught by people before it reaches
 * the patient, and a gateway or a monitor that only sends is driven by nothing: those are not checked.
 */
const ACTS_ON_PATIENT = new Set(['infusion', 'pump', 'ventilator', 'alarm', 'alarms', 'defibrillator', 'dialysis', 'insulin', 'pacemaker']);

/** `MDR class IIb` as `{ regime: 'MDR', deviceClass: 'IIb' }` when the class is one of the high-risk classes. */
function highRiskClass(system: System | undefined): { regime: string, deviceClass: string } | undefined {
    const regulatory = system?.regulatory;
    const deviceClass = regulatory?.deviceClass === undefined ? undefined : String(regulatory.deviceClass).trim();
    if (!regulatory?.regime || !deviceClass) return undefined;
    const classes = HIGH_RISK_CLASSES[regulatory.regime.toUpperCase()];
    return classes?.has(deviceClass.toUpperCase()) ? { regime: regulatory.regime, deviceClass } : undefined;
}

export const deviceCriticalityRule: Rule = {
    id: 'device-criticality',
    area: 'go-live',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'An interface that sends to a medical device of a high risk class is critical.',
    description: 'A wrong, late or lost message to an infusion pump, a ventilator or an alarm system reaches the patient '
        + 'through the device. An interface whose receiving system declares `regulatory MDR class IIb` or `III`, `IVDR class C` '
        + 'or `D` (or the like class under TGA, WAND, Health Canada or the FDA) is `criticality critical`, so that gates cover it, its handlers and monitoring are asked '
        + 'for, and it is load-tested. Only devices that act on the patient from the message count (by their `kind`: a pump, a '
        + 'ventilator, an alarm system, a defibrillator, dialysis); a modality\'s worklist is checked by people before it '
        + 'reaches the patient. A lower criticality is a warning; none at all is an info that asks for it.',
    options: NO_OPTIONS,
    check({ model, critical, report }) {
        for (const node of model.elements.filter(isInterface)) {
            const device = node.target?.ref;
            const risk = highRiskClass(device);
            if (!risk || isCritical(node, critical) || !kindWords(device!.kind).some(word => ACTS_ON_PATIENT.has(word))) continue;
            const what = `'${node.name}' sends to ${device!.name}, a medical device of ${risk.regime} class ${risk.deviceClass}: a wrong, late or lost message reaches the patient through the device`;
            if (node.criticality === undefined) {
                report(node, `${what}. Say how critical the interface is: \`criticality critical\`.`, {
                    property: 'name', severity: 'info',
                    fix: { title: 'Declare the interface critical', target: node, lines: ['criticality critical'] }
                });
            } else {
                report(node, `${what}, yet it is criticality ${node.criticality}. Make it \`criticality critical\` so gates, handlers and monitoring cover it, or suppress this with the reason.`, {
                    property: 'criticality',
                    fix: { title: 'Make the interface critical', target: node, replace: { property: 'criticality', text: 'critical' } }
                });
            }
        }
    }
};
