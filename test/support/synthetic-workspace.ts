/**
 * Seeded synthetic workspaces that look like real ones, for the benchmark (`scripts/bench.mjs`) and the
 * incremental-checking tests: a shared organisation file every feed file imports, interfaces with 10 to 20
 * mappings, exception handlers, monitors, sites and gates. The same seed always gives the same text.
 */

/** A small deterministic PRNG (mulberry32): returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6D2B79F5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The organisation file every other file imports: teams, roles, systems, data sets, the change authority. */
export const ORG = `team LabIT "Laboratory IT" { lead "Dana Ruiz" contact "labit@example.org" on-call 24x7 }
team HIM "Health information management"
role Technologist { team LabIT duties result-verification }
change-authority LabIT covers updates, patches, configuration
rollout phased
system LIS "Laboratory information system" {
    kind LIS vendor "Vendor" version 5.4 owner LabIT
    support contact "support@vendor.example" response 4h rollback "Previous release"
}
system EHR { kind EHR version "2024.1" owner HIM support contact "ehr@vendor.example" response 4h rollback "Previous release" }
data Observations { owner LabIT classification PHI retention 10y access Technologist audit "All reads logged" }
`;

/** One site with its baseline and downtime plan. */
export function site(index: number): string {
    return `site Site${index} "Site ${index}" {
    timezone "America/Chicago"
    baseline { hosts LIS, EHR network 100 Mbps }
    downtime { fallback "Paper" reconciliation "Back-enter" }
}
`;
}

/** Mapping lines an ORU^R01 feed draws from (each clean under the rules). */
const MAPPINGS = [
    'PID-3 -> Patient.identifier identifier authority "urn:oid:2.16.840.1.113883.19.5"',
    'PID-5 -> Patient.name',
    'PID-7 -> Patient.birthDate timezone "America/Chicago"',
    'PID-8 -> Patient.gender codes { M -> male, F -> female, U -> unknown } receives M, F, U',
    'OBR-4 -> Observation.code codes { GLU -> "2345-7", K -> "2823-3" } receives GLU, K',
    'OBX-3 -> Observation.code codes { GLU -> "2345-7", NA -> "2951-2" } receives GLU, NA',
    'OBX-5 -> Observation.valueQuantity.value units "mg/dL" -> "mmol/L" factor 0.0555',
    'OBX-14 -> Observation.effectiveDateTime timezone "America/Chicago"',
    'OBX-11 -> Observation.status codes { F -> final, C -> corrected, X -> cancelled } receives F, C, X',
    'OBX-8 -> Observation.interpretation codes { H -> H, L -> L, N -> N } receives H, L, N',
    'OBX-7 -> Observation.referenceRange.text',
    'OBX-4 -> Observation.note',
    'OBR-7 -> Observation.effectiveDateTime timezone "America/Chicago"',
    'OBR-22 -> Observation.issued timezone "America/Chicago"',
    'OBR-16 -> Observation.performer',
    'OBR-25 -> Observation.status codes { F -> final, C -> corrected, X -> cancelled } receives F, C, X',
    'PID-18 -> Encounter.identifier identifier authority "urn:oid:2.16.840.1.113883.19.5"',
    'PV1-19 -> Encounter.identifier identifier authority "urn:oid:2.16.840.1.113883.19.5"',
    'NTE-3 -> Observation.note',
    'OBR-2 -> ServiceRequest.identifier identifier authority "Placer"'
];

/** One interface of 10 to 20 mappings (drawn with `random`), with handlers and a monitor. */
export function iface(index: number, sites: string[], random: () => number = () => 0): string {
    const count = 10 + Math.floor(random() * 11);
    const mappings = MAPPINGS.slice(0, count).map(line => `        ${line}\n`).join('');
    return `interface Feed${index} "Results feed ${index}" {
    from LIS to EHR
    standard HL7v2 2.5.1
    transport MLLP over TLS
    owner LabIT criticality critical
    carries Observations
    sites ${sites.join(', ')}
    message ORU^R01 {
${mappings}    }
    on downtime "Queue then replay in order" escalate LabIT within 15m
    on duplicate-identity "Hold for review" escalate HIM within 4h
    on correction "Supersede the previous result" escalate LabIT within 1h
    on recovery "Replay the queue in order" escalate LabIT within 1h
    on cancellation "Withdraw the result" escalate LabIT within 1h
    on out-of-order "Hold until the earlier message arrives" escalate LabIT within 1h
    on urgent "Page the on-call technologist" escalate LabIT within 15m
    monitor { owner LabIT alerts to LabIT metric turnaround p95 < 5m metric failed-messages < 0.1% }
}
`;
}

/** A go-live gate for one site that answers the five go-live questions. */
export function gate(index: number): string {
    return `gate GoLive${index} {
    site Site${index}
    approver LabIT
    hypercare 14d support LabIT escalate HIM
    criterion Exceptions { question exceptions evidence "Simulation log" approver LabIT }
    criterion Meaning { question data-meaning evidence "Screenshots" approver LabIT }
    criterion Compliance { question compliance evidence "Audit review" approver HIM }
    criterion Readiness { question readiness evidence "Training register" approver LabIT trains Technologist }
    criterion Load { question load-test evidence "Load report" approver LabIT load "3x peak" }
}
`;
}

/** Files (path relative to the root -> text) of a workspace. */
export type SyntheticFiles = Record<string, string>;

/** One file of about `targetLines` lines: the organisation, one site and its gate, then interfaces. */
export function singleFile(targetLines: number, seed = 1): SyntheticFiles {
    const random = seededRandom(seed);
    let text = ORG + site(1) + gate(1);
    let lines = text.split('\n').length;
    for (let i = 1; lines < targetLines; i++) {
        const next = iface(i, ['Site1'], random);
        text += next;
        lines += next.split('\n').length - 1;
    }
    return { 'all.ispec': text };
}

/**
 * `count` files: `org.ispec` (organisation, sites, gates) and `count - 1` leaf files of 7 interfaces each that
 * import it (about 200 lines per leaf file).
 */
export function manyFiles(count: number, seed = 1): SyntheticFiles {
    const random = seededRandom(seed);
    const sites = Math.max(1, Math.min(20, Math.floor(count / 10)));
    let org = ORG;
    for (let s = 1; s <= sites; s++) {
        org += site(s);
    }
    const files: SyntheticFiles = { 'org.ispec': org };
    let gates = 'import "org.ispec"\n';
    for (let s = 1; s <= sites; s++) {
        gates += gate(s);
    }
    files['gates.ispec'] = gates;
    for (let f = 1; f < count - 1; f++) {
        let text = 'import "../org.ispec"\n';
        for (let i = 0; i < 7; i++) {
            text += iface(f * 10 + i, [`Site${((f + i) % sites) + 1}`], random);
        }
        files[`feeds/feed-${String(f).padStart(4, '0')}.ispec`] = text;
    }
    return files;
}

/**
 * A rollout: `interfaces` interfaces, 100 to a file (a spec file is limited to 1 MiB), each at `sitesPerInterface`
 * of `sites` sites, a gate per site in a file that imports every feed file.
 */
export function rollout(interfaces: number, sites: number, sitesPerInterface: number, seed = 1): SyntheticFiles {
    const random = seededRandom(seed);
    let siteText = '';
    let gates = '';
    for (let s = 1; s <= sites; s++) {
        siteText += site(s);
        gates += gate(s);
    }
    const files: SyntheticFiles = { 'org.ispec': ORG + siteText };
    const feedFiles: string[] = [];
    for (let first = 1; first <= interfaces; first += ROLLOUT_FILE_INTERFACES) {
        let feeds = 'import "org.ispec"\n';
        for (let i = first; i < first + ROLLOUT_FILE_INTERFACES && i <= interfaces; i++) {
            const at = Array.from({ length: Math.min(sitesPerInterface, sites) }, (_, k) => `Site${((i + k) % sites) + 1}`);
            feeds += iface(i, at, random);
        }
        const file = `feeds-${String(feedFiles.length + 1).padStart(3, '0')}.ispec`;
        files[file] = feeds;
        feedFiles.push(file);
    }
    files['gates.ispec'] = `import "org.ispec"\n${feedFiles.map(file => `import "${file}"\n`).join('')}${gates}`;
    return files;
}

/** Interfaces per feed file of `rollout`: about 200 KB each. */
const ROLLOUT_FILE_INTERFACES = 100;
