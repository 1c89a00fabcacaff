#!/usr/bin/env node
/**
 * Benchmark: generates synthetic workspaces in a temp folder and times build+check and generation, each case in
 * its own child process so its peak memory is its own. Prints a Markdown table. Needs `npm run build` first
 * (`npm run bench` does both). Timings are for reading, never asserted in tests.
 *
 *   node scripts/bench.mjs [--interfaces 1000] [--sites 20] [--sites-per-interface 4] [--case <name>]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : fallback;
};
const settings = {
    interfaces: Number(option('interfaces', 1000)),
    sites: Number(option('sites', 20)),
    sitesPerInterface: Number(option('sites-per-interface', 4))
};

const CASES = {
    'check: one file of 10,000 lines': { build: () => singleFile(10000), generate: false },
    'check: 100 files': { build: () => manyFiles(100), generate: false },
    [`matrix + checklists: ${settings.interfaces} interfaces, ${settings.sites} sites`]: { build: () => rollout(settings), generate: true }
};

// ---------------------------------------------------------------- synthetic specs

const ORG = `team LabIT "Laboratory IT" { lead "Dana Ruiz" contact "labit@example.org" }
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

function site(index) {
    return `site Site${index} "Site ${index}" {
    timezone "America/Chicago"
    baseline { hosts LIS, EHR network 100 Mbps }
    downtime { fallback "Paper" reconciliation "Back-enter" }
}
`;
}

function iface(index, sites) {
    return `interface Feed${index} "Results feed ${index}" {
    from LIS to EHR
    standard HL7v2 2.5.1
    transport MLLP over TLS
    owner LabIT criticality critical
    carries Observations
    sites ${sites.join(', ')}
    message ORU^R01 {
        PID-3 -> Patient.identifier identifier authority "MRN"
        OBX-5 -> Observation.valueQuantity.value units "mg/dL" -> "mmol/L" factor 0.0555
        OBX-14 -> Observation.effectiveDateTime timezone "America/Chicago"
        OBX-11 -> Observation.status codes { F -> final, C -> corrected, X -> cancelled } receives F, C, X
    }
    on downtime "Queue then replay in order" escalate LabIT within 15m
    on duplicate-identity "Hold for review" escalate HIM within 4h
    on correction "Supersede the previous result" escalate LabIT within 1h
    monitor { owner LabIT metric turnaround p95 < 5m metric failed-messages < 0.1% }
}
`;
}

function gate(index) {
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

function write(files) {
    const root = mkdtempSync(path.join(tmpdir(), 'interspec-bench-'));
    writeFileSync(path.join(root, 'interspec.yaml'), '');
    let lines = 0;
    for (const [name, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        writeFileSync(path.join(root, name), content);
        lines += content.split('\n').length - 1;
    }
    return { root, files: Object.keys(files).length, lines };
}

function singleFile(targetLines) {
    let text = ORG + site(1);
    for (let i = 1; text.split('\n').length < targetLines; i++) {
        text += iface(i, ['Site1']);
    }
    return write({ 'all.ispec': text });
}

function manyFiles(count) {
    const files = { 'org.ispec': ORG + site(1) };
    for (let f = 1; f < count; f++) {
        let text = 'import "org.ispec"\n';
        for (let i = 0; i < 5; i++) {
            text += iface(f * 10 + i, ['Site1']);
        }
        files[`feeds/feed-${f}.ispec`] = text;
    }
    return write(files);
}

function rollout({ interfaces, sites, sitesPerInterface }) {
    let siteText = '';
    let gates = '';
    for (let s = 1; s <= sites; s++) {
        siteText += site(s);
        gates += gate(s);
    }
    const files = { 'org.ispec': ORG + siteText, 'gates.ispec': 'import "org.ispec"\nimport "feeds.ispec"\n' + gates };
    let feeds = 'import "org.ispec"\n';
    for (let i = 1; i <= interfaces; i++) {
        const at = Array.from({ length: Math.min(sitesPerInterface, sites) }, (_, k) => `Site${((i + k) % sites) + 1}`);
        feeds += iface(i, at);
    }
    files['feeds.ispec'] = feeds;
    return write(files);
}

// ---------------------------------------------------------------- one case, in a child process

async function runCase(name) {
    const spec = CASES[name];
    const { root, files, lines } = spec.build();
    const out = (file) => pathToFileURL(path.join(repo, 'out', file)).href;
    const { buildWorkspace } = await import(out('language-server/build-workspace.js'));
    const { collectFindings } = await import(out('language-server/findings.js'));
    const generators = await import(out('language-server/generators/index.js'));
    const result = { name, files, lines };
    let start = performance.now();
    const workspace = await buildWorkspace([root]);
    const findings = collectFindings(workspace.documents);
    result.check = performance.now() - start;
    result.findings = findings.length;
    if (spec.generate) {
        const input = await generators.loadGeneratorInput(workspace, root, { findings });
        result.rows = 0;
        for (const format of generators.MATRIX_FORMATS) {
            const file = path.join(root, `matrix.${format}`);
            start = performance.now();
            await writeToFile(file, sink => generators.writeTestMatrix(input, format, sink));
            result[`matrix ${format}`] = performance.now() - start;
        }
        for (const row of generators.matrixRows(input)) result.rows++;
        start = performance.now();
        await writeToFile(path.join(root, 'checklist.md'), sink => generators.writeChecklist(input, undefined, 'markdown', sink));
        result.checklists = performance.now() - start;
    }
    result.peakMb = process.resourceUsage().maxRSS / 1024;
    rmSync(root, { recursive: true, force: true });
    process.stdout.write(JSON.stringify(result));
}

/** A file sink that waits for the stream to drain, as the CLI's --out does. */
async function writeToFile(file, generate) {
    const stream = createWriteStream(file);
    await generate({
        write: chunk => stream.write(chunk) ? undefined : new Promise(resolve => stream.once('drain', resolve))
    });
    await new Promise((resolve, reject) => stream.end(error => error ? reject(error) : resolve()));
}

// ---------------------------------------------------------------- the table

const only = option('case', undefined);
if (args.includes('--child')) {
    await runCase(only);
} else {
    const seconds = ms => ms === undefined ? '' : (ms / 1000).toFixed(2);
    const rows = [];
    for (const name of Object.keys(CASES).filter(name => !only || name === only)) {
        const child = spawnSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), ...args, '--child', '--case', name],
            { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
        if (child.status !== 0) {
            console.error(`${name} failed:\n${child.stderr}`);
            process.exitCode = 1;
            continue;
        }
        rows.push(JSON.parse(child.stdout));
    }
    console.log(`Node ${process.version}, ${process.platform}; sites per interface: ${settings.sitesPerInterface}\n`);
    console.log('| case | files | lines | build + check (s) | findings | matrix rows | matrix md / csv / json / html (s) | checklists md (s) | peak RSS (MB) |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
    for (const r of rows) {
        const matrix = r.rows === undefined ? '' : ['markdown', 'csv', 'json', 'html'].map(f => seconds(r[`matrix ${f}`])).join(' / ');
        console.log(`| ${r.name} | ${r.files} | ${r.lines} | ${seconds(r.check)} | ${r.findings} | ${r.rows ?? ''} | ${matrix} | ${seconds(r.checklists)} | ${r.peakMb.toFixed(0)} |`);
    }
}
