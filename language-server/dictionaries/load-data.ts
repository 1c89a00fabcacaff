import { createRequire } from 'node:module';

/**
 * Loads one of the data files beside this module, once per caller. `viaRequire` must be a literal
 * `() => require('./data/<file>.json')`: esbuild then embeds the JSON in the server and CLI bundles and
 * evaluates it only when called. The compiled ES modules the tests run have no `require` (or an unrelated
 * global one, as under `node -e`), and load the copy that tsc puts next to them.
 */
export function loadData<T>(viaRequire: () => unknown, file: string): T {
    if (typeof require === 'function') {
        try {
            return viaRequire() as T;
        } catch {
            // A global require resolving from elsewhere; fall through to this module's own location.
        }
    }
    return createRequire(import.meta.url)(file) as T;
}
