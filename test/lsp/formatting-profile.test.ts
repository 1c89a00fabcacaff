import { strict as assert } from 'node:assert';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

const MESSY = `profile Results "ORU^R01" { message ORU^R01^ORU_R01 version 2.5.1
segment MSH usage R cardinality 1..1 { field 9 MSG usage R cardinality 1..1 "Message Type"
  field 12 VID   usage R }
    group PATIENT_RESULT usage R cardinality 1..* {
  segment OBX usage R cardinality 1..* {
        field 3 CWE usage R cardinality 1..1 "Observation Identifier"
   field 11 ID usage R cardinality 1..1 length 1 table 0085
field 4 ST usage X
  }
  segment NTE usage O cardinality 0..*
  }
}
interface Feed { from A to B
message ORU^R01   profile Results { PID-3 -> PID-3 }
}
system A { }
system B { }
`;

const FORMATTED = `profile Results "ORU^R01" {
    message ORU^R01^ORU_R01 version 2.5.1
    segment MSH usage R cardinality 1..1 {
        field 9 MSG usage R cardinality 1..1 "Message Type"
        field 12 VID usage R
    }
    group PATIENT_RESULT usage R cardinality 1..* {
        segment OBX usage R cardinality 1..* {
            field 3 CWE usage R cardinality 1..1 "Observation Identifier"
            field 11 ID usage R cardinality 1..1 length 1 table 0085
            field 4 ST usage X
        }
        segment NTE usage O cardinality 0..*
    }
}
interface Feed {
    from A to B
    message ORU^R01 profile Results {
        PID-3 -> PID-3
    }
}
system A { }
system B { }
`;

describe('lsp: formatting profiles', function () {
    this.timeout(60000);
    let client: LspClient;
    let uri: string;

    useServer(() => writeWorkspace({ 'profile.ispec': MESSY }), async started => {
        client = started;
        uri = await client.open('profile.ispec');
        await client.waitForDiagnostics(uri);
    });

    it('lays out profile, group, segment and field statements one per line, nested blocks one level deeper, and keeps it so', async () => {
        const edits = await client.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
        const formatted = applyEdits(MESSY, edits ?? []);
        assert.equal(formatted, FORMATTED);
        await client.change(uri, formatted);
        const again = await client.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
        assert.equal(applyEdits(formatted, again ?? []), formatted);
    });
});
