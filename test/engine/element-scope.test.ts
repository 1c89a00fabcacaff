import { strict as assert } from 'node:assert';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { ruleOptions } from '../../language-server/config/index.js';
import type { Model } from '../../language-server/language/generated/ast.js';
import { ALL_RULE_CHECKS } from '../../language-server/rules/registry.js';
import type { RuleCheck, RuleContext } from '../../language-server/rules/rule.js';

/** Every folder with an interspec.yaml or .ispec files among the examples, the corpus and the generator fixtures. */
function workspaces(): string[] {
    const found: string[] = [];
    const visit = (folder: string) => {
        const entries = readdirSync(folder);
        if (entries.some(entry => entry.endsWith('.ispec'))) {
            found.push(folder);
            return;
        }
        for (const entry of entries) {
            const child = path.join(folder, entry);
            if (statSync(child).isDirectory()) visit(child);
        }
    };
    for (const folder of ['examples', 'test/corpus', 'test/fixtures/generators']) visit(path.resolve(folder));
    return found.sort();
}

/**
 * A rule of element scope is run once per top-level element with that element alone (engine/rule-runner.ts), so that an
 * edit re-checks only the element it touched. That is only right if the rule finds, per element, what it finds on the
 * whole file: a rule that compares a file's elements with each other must say `scope: 'document'`.
 */
describe('rules: element scope', function () {
    this.timeout(600000);

    it('every rule of element scope finds on each element alone what it finds on the whole file, in every example and corpus spec', async () => {
        const folders = workspaces();
        assert.ok(folders.length >= 20, `found ${folders.length} workspaces`);
        const differences: string[] = [];
        for (const folder of folders) {
            const { services, shared, documents } = await buildWorkspace([folder]);
            const root = shared.interspec.Workspace.rootOf(documents[0].uri);
            const index = services.engine.WorkspaceIndexes.indexOf(root);
            const config = services.engine.Configurations.configOf(root);
            const critical = new Set(config.critical);
            for (const document of documents) {
                const model = document.parseResult.value;
                for (const rule of ALL_RULE_CHECKS.filter(r => r.scope !== 'document')) {
                    const options = ruleOptions(config, rule.id, path.relative(root, document.uri.fsPath));
                    const context = { document, workspace: index, options, critical };
                    const whole = findings(rule, { ...context, model });
                    const parts = model.elements.flatMap(element => findings(rule, { ...context, model: { ...model, elements: [element] } as Model }));
                    if (JSON.stringify(whole.sort()) !== JSON.stringify(parts.sort())) {
                        differences.push(`${rule.id} in ${path.relative(process.cwd(), document.uri.fsPath)}: ${whole.length} on the file, ${parts.length} per element`);
                    }
                }
            }
        }
        assert.deepEqual(differences, []);
    });
});

/** A rule's findings as `offset message fix` lines. */
function findings(rule: RuleCheck, context: Omit<RuleContext, 'report'>): string[] {
    const found: string[] = [];
    rule.check({
        ...context,
        report: (node, message, location = {}) => found.push(`${node.$cstNode?.offset} ${message} ${location.fix?.title ?? ''}`)
    });
    return found;
}
