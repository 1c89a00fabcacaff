import { createRequire } from 'node:module';

/**
 * A CommonJS package loaded on first use instead of when the importing module loads, so that a run which never
 * needs it (`interspec --version`, a spec without FHIRPath or units) does not pay for it. `viaRequire` must be a
 * literal `() => require('<package>')`: esbuild then sees the package, and the bundles either hold it (evaluated
 * only on the call) or, for the CLI, load it from a chunk file beside the bundle (scripts/bundle.mjs). The compiled
 * ES modules the tests run have no `require` (or an unrelated global one, as under `node -e`) and resolve the
 * package from this module's location. Returns the package's `module.exports`.
 */
export function lazyRequire<T>(viaRequire: () => unknown, specifier: string): () => T {
    let loaded: T | undefined;
    return () => {
        if (loaded === undefined) {
            if (typeof require === 'function') {
                try {
                    loaded = viaRequire() as T;
                } catch {
                    // A global require resolving from elsewhere; fall through to this module's own location.
                }
            }
            loaded ??= createRequire(import.meta.url)(specifier) as T;
        }
        return loaded;
    };
}
