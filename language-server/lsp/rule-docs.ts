import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `docs/rules/` is: next to the bundle in a package (`out/bundle/server.cjs` -> `../../docs/rules`), or
 * beside the compiled sources when tests run `out/language-server/...` directly.
 */
function findRuleDocsFolder(): string | undefined {
    const here = path.dirname(fileURLToPath(import.meta.url));
    return [path.resolve(here, '..', '..', 'docs', 'rules'), path.resolve(here, '..', '..', '..', 'docs', 'rules')]
        .find(folder => existsSync(folder));
}

let folder: string | null | undefined;

/** The Markdown doc of a rule, or undefined when the rule has none (or the docs were not shipped). */
export async function readRuleDoc(ruleId: string): Promise<string | undefined> {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(ruleId)) {
        return undefined;
    }
    if (folder === undefined) {
        folder = findRuleDocsFolder() ?? null;
    }
    if (!folder) {
        return undefined;
    }
    try {
        return await readFile(path.join(folder, `${ruleId}.md`), 'utf8');
    } catch {
        return undefined;
    }
}
