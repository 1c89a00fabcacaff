import { isPlaceholder } from './workspace-index.js';

/**
 * System kinds that are medical devices whatever the spec marks (MDR Art. 2(1), IVDR Art. 2(2), FDA 21 CFR 860):
 * imaging modalities, in-vitro diagnostic analysers, sterilisers and washer-disinfectors, endoscope reprocessors,
 * infusion pumps, ventilators, patient monitors. Compared word by word (`kind infusion-pump`, `kind CT-scanner`).
 */
const DEVICE_KIND_WORDS = new Set(['modality', 'analyser', 'analyzer', 'steriliser', 'sterilizer', 'autoclave', 'washer', 'reprocessor',
    'aer', 'infusion', 'ventilator', 'defibrillator', 'glucometer', 'ecg', 'ultrasound', 'ct', 'mri', 'x-ray', 'xray', 'endoscope', 'incubator', 'dialysis']);
const PATIENT_MONITOR = /\bpatient-monitor\b|\bbedside-monitor\b/i;

/** Whether a system's `kind` names a medical device. */
export function isDeviceKind(kind: string | undefined): boolean {
    return kindWords(kind).some(word => DEVICE_KIND_WORDS.has(word)) || PATIENT_MONITOR.test(kind ?? '');
}

/** The words of a system kind, lower case: `device-gateway` and `Device Gateway` are `device`, `gateway`. */
export function kindWords(kind: string | undefined): string[] {
    return kind?.toLowerCase().split(/[-_\s]+/) ?? [];
}

/** A manufacturer's conformity record: certificates, CE marking, declarations of conformity, FDA clearance. */
const VENDOR_CERTIFICATE = /\b(CE[ -]?mark(ed|ing)?|certificat(e|es|ion)|certified|declaration of conformity|DoC|510\(k\)|FDA (clearance|approval|cleared|approved)|notified body|ISO 13485)\b/i;
/** What a site's own validation says: where it was done and how (qualification, acceptance, verification). */
const SITE_VALIDATION = /\b(site|local|on-site|per[- ](unit|device|machine|analy[sz]er|scanner|steriliser|sterilizer)|IQ|OQ|PQ|qualification|acceptance|commissioning|verification|VAL-[\w-]+)\b/i;

/**
 * Whether a validation text names the manufacturer's certificate instead of the site's validation ("Vendor CE
 * certificate", "ACME declaration of conformity"): vendor certification does not replace site-specific validation.
 */
export function namesVendorCertificateOnly(validation: string, vendor: string | undefined): boolean {
    const vendorNamed = vendor !== undefined && !isPlaceholder(vendor) && validation.toLowerCase().includes(vendor.trim().toLowerCase());
    return (VENDOR_CERTIFICATE.test(validation) || vendorNamed || /\b(vendor|manufacturer|supplier)('s)?\b/i.test(validation))
        && !SITE_VALIDATION.test(validation);
}
