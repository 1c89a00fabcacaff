import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Keystrokes } from './support/keystrokes.js';
import { DRAFT_FILE, type ScratchWorkspace } from './support/scratch.js';
import { useWorkbench } from './support/use-workbench.js';
import type { Workbench } from './support/workbench.js';

/** The file the test writes, empty at the start (creating a file is not part of writing the interface). */
const FILE = 'admissions.ispec';

/** What the keystrokes below must produce, byte for byte (the editor closes the braces; no final newline is typed). */
const EXPECTED = `import "systems.ispec"
interface AdmissionsFeed {
    from EHR to LIS
    standard HL7v2 2.5.1
    owner LabInformatics
    message ADT^A01 {
        PID-5 -> PID-5
        PID-11 -> PID-11
        PID-13 -> PID-13
        PV1-7 -> PV1-7
    }
}`;

// The promise of completion, measured: a new HL7 v2 interface with four mappings written in a real VS Code by
// completion alone (typing prefixes and picking what the language server offers), checked clean, and the keystrokes
// counted.
describe('e2e: an HL7 v2 interface written by completion alone', function () {
    this.timeout(180_000);
    let workspace: ScratchWorkspace;
    let workbench: Workbench;

    useWorkbench(session => { ({ workspace, workbench } = session); }, {
        prepare: scratch => writeFileSync(path.join(scratch.workspace, FILE), '')
    });

    it('writes the interface by picking completion items, and it comes out clean', async () => {
        // Start once the language server answers (the draft file's finding is shown) and the editor has the
        // file's language (its brackets and indentation rules), as a user who opened the folder a moment ago.
        await workbench.openFile(DRAFT_FILE);
        await workbench.page.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
        await workbench.openFile(FILE);
        await workbench.page.locator('.statusbar-item[id="status.editor.mode"]', { hasText: 'Interspec' }).waitFor({ timeout: 30_000 });
        await workbench.page.waitForTimeout(1_000);
        const keys = new Keystrokes(workbench.page);

        // No import is typed: picking a name declared in a file not imported yet adds its import (systems.ispec,
        // which imports the teams).
        await keys.type('interface AdmissionsFeed {\n');

        await keys.pick('fr', 'from');
        await keys.type(' ');
        await keys.pick('EH', 'EHR');
        await keys.type(' ');
        await keys.pick('', 'to');
        await keys.type(' ');
        await keys.pick('LI', 'LIS');
        await keys.type('\n');

        await keys.pick('st', 'standard');
        await keys.type(' ');
        await keys.pick('', 'HL7v2');
        await keys.type(' ');
        await keys.pick('2.5.', '2.5.1');
        await keys.type('\n');

        await keys.pick('ow', 'owner');
        await keys.type(' ');
        await keys.pick('LabI', 'LabInformatics');
        await keys.type('\n');

        await keys.pick('me', 'message');
        await keys.type(' ');
        await keys.pick('A01', 'ADT^A01');
        await keys.type(' {\n');

        for (const [segment, field] of [['PID', '5'], ['PID', '11'], ['PID', '13'], ['PV1', '7']]) {
            for (const side of ['source', 'target']) {
                await keys.type(segment === 'PID' ? 'PID-' : 'PV1-');
                await keys.pick(field, `${segment}-${field}`);
                await keys.type(side === 'source' ? ' -> ' : segment === 'PV1' ? '' : '\n');
            }
        }

        await keys.press('Control+S', false);
        const written = readFileSync(path.join(workspace.workspace, FILE), 'utf8');
        assert.equal(written, EXPECTED, `the file as written:\n${written}\nkeystrokes:\n${keys.log.join(' ')}`);

        // Clean: no squiggle in the editor and nothing for the file in the Problems panel.
        await workbench.page.waitForTimeout(3_000);
        const problems = await workbench.problems(FILE);
        assert.deepEqual(problems.get(FILE) ?? [], [], 'no finding for the new interface');
        assert.equal(await workbench.page.locator('.editor-instance .squiggly-error, .editor-instance .squiggly-warning').count(), 0);

        const typed = EXPECTED.replace(/^ +/gm, '').length;
        console.log(`    keystrokes: ${keys.count} (${keys.picks} completion picks) for ${typed} characters of spec (indentation and closing braces come from the editor)`);
        console.log(`    ${keys.log.join(' ')}`);
        assert.ok(keys.count < typed, `completion saves typing: ${keys.count} keystrokes for ${typed} characters`);
    });
});
