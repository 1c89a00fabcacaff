import { parentPort, workerData } from 'node:worker_threads';
import { DocumentState } from 'langium';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { textHash, type WorkerReply, type WorkerRequest } from './parallel-check.js';

// The second thread of a split `interspec check` (parallel-check.ts starts it): builds the same workspace as the
// main thread, validates its share of the documents and sends back their diagnostics. It never writes to the
// terminal: a failure is a message, and the main thread checks the share itself.

async function run(request: WorkerRequest): Promise<WorkerReply> {
    try {
        const built = await buildWorkspace(request.folders, { configFile: request.configFile, share: request.share });
        const documents = built.documents
            .filter(document => document.state >= DocumentState.Validated)
            .map(document => ({ file: document.uri.fsPath, hash: textHash(document.textDocument.getText()), diagnostics: document.diagnostics ?? [] }));
        return { kind: 'done', documents };
    } catch (error) {
        return { kind: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
}

void run(workerData as WorkerRequest).then(reply => parentPort?.postMessage(reply));
