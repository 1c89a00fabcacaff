import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'glob';
import { EVIDENCE_FOLDER, findEvidenceFiles } from '../../language-server/evidence/evidence.js';
import { EVIDENCE_FILE_GLOBS, isWatchedSpecFile, SPEC_FILE_GLOBS, watchedFilesGlob } from '../../language-server/protocol/index.js';
import { writeWorkspace } from '../support/workspace.js';

const EVIDENCE = 'evidence:\n  - id: A.B\n    status: done\n';

// The client's file watcher must cover every evidence file the generators read, or the previews, code lenses and
// gate decisions go stale when a team updates its evidence.
describe('extension: watched files', () => {
    const root = writeWorkspace({
        'lab.ispec': '', 'sub/more.ispec': '',
        'evidence/a.yaml': EVIDENCE, 'evidence/b.yml': EVIDENCE, 'evidence/nested/deeper/c.yaml': EVIDENCE,
        'north.evidence.yaml': EVIDENCE, 'sites/south.evidence.yml': EVIDENCE,
        'notes.yaml': 'not: evidence\n', 'evidence/readme.md': '# not evidence\n', 'sites/other.yml': 'x: 1\n'
    });
    const posix = (file: string) => path.relative(root, file).split(path.sep).join('/');

    it('match every evidence file the generators read, with .yml and nested folders', async () => {
        const read = (await findEvidenceFiles(root)).map(posix).sort();
        assert.deepEqual(read, ['evidence/a.yaml', 'evidence/b.yml', 'evidence/nested/deeper/c.yaml', 'north.evidence.yaml', 'sites/south.evidence.yml']);
        const watched = new Set(EVIDENCE_FILE_GLOBS.flatMap(glob => globSync(glob, { cwd: root, dot: false, posix: true })));
        for (const file of read) {
            assert.ok(watched.has(file), `${file} is watched (globs: ${EVIDENCE_FILE_GLOBS.join(', ')})`);
            assert.ok(isWatchedSpecFile(`/ws/${file}`), `${file} refreshes the previews`);
        }
        for (const file of ['notes.yaml', 'evidence/readme.md', 'sites/other.yml']) {
            assert.ok(!watched.has(file) && !isWatchedSpecFile(`/ws/${file}`), `${file} is not evidence`);
        }
        assert.ok(EVIDENCE_FILE_GLOBS.every(glob => !glob.includes('evidence/') || glob.includes(`${EVIDENCE_FOLDER}/`)));
    });

    it('the one watcher glob of the client holds the spec files and every evidence glob', () => {
        const glob = watchedFilesGlob();
        for (const part of [...SPEC_FILE_GLOBS, ...EVIDENCE_FILE_GLOBS]) {
            assert.ok(glob.includes(part), part);
        }
        assert.ok(isWatchedSpecFile('/ws/sub/more.ispec') && isWatchedSpecFile('/ws/interspec.yaml'));
        const server = readFileSync(path.join(process.cwd(), 'src', 'extension', 'server.ts'), 'utf8');
        assert.match(server, /createFileSystemWatcher\(watchedFilesGlob\(\)\)/, 'the client builds its watcher from the shared list');
    });
});
