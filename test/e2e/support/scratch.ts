import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const REPO = process.cwd();
/** The packaged extension `npm run package` made; INTERSPEC_VSIX points elsewhere. */
export const VSIX = path.resolve(process.env.INTERSPEC_VSIX ?? path.join(REPO, 'interspec.vsix'));
/** Screenshots go to out/e2e-screenshots unless INTERSPEC_E2E_SCREENSHOTS names a folder (docs/images for the README). */
export const SCREENSHOTS = path.resolve(REPO, process.env.INTERSPEC_E2E_SCREENSHOTS ?? path.join('out', 'e2e-screenshots'));

/** A file with a finding that a quick fix repairs: the owner's team is declared in a file it does not import. */
export const DRAFT_FILE = 'draft.ispec';
export const DRAFT = `// Drafted this morning: the owning team is declared in org.ispec, which this file does not import yet.
system DraftCourierScanner "Courier hand-held scanners" {
    kind tracking
    owner LabInformatics
}
`;

/** A scratch folder (code-server's HOME, user data and extensions) and the workspace inside it. */
export interface ScratchWorkspace {
    scratch: string;
    workspace: string;
    dispose(): void;
}

/** A scratch folder with a copy of the lab-network example plus the draft file; removed by `dispose`. */
export function scratchWorkspace(): ScratchWorkspace {
    const scratch = mkdtempSync(path.join(tmpdir(), 'interspec-e2e-'));
    const workspace = path.join(scratch, 'lab-network');
    cpSync(path.join(REPO, 'examples', 'lab-network'), workspace, { recursive: true });
    writeFileSync(path.join(workspace, DRAFT_FILE), DRAFT);
    mkdirSync(SCREENSHOTS, { recursive: true });
    return { scratch, workspace, dispose: () => rmSync(scratch, { recursive: true, force: true }) };
}
