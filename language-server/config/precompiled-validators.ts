import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import { lazyRequire } from '../util/lazy-require.js';

/**
 * JSON Schema validators compiled at build time (ajv standalone code, written by scripts/schema-validators.mjs
 * into out/generated/schema-validators.cjs and bundled by scripts/bundle.mjs): compiling interspec.yaml's schema
 * with ajv at run time was a second of every CLI start on a loaded machine. The generated module maps the SHA-256
 * of each schema's JSON to its validate function, so a schema that changed since the build (a test's own rule
 * catalogue) finds none and is compiled as before.
 */
type Validators = { validators: Record<string, ValidateFunction> };

const generated = lazyRequire<Validators>(() => require('../../generated/schema-validators.cjs'), '../../generated/schema-validators.cjs');

/** The key of a schema in the generated module: SHA-256 (hex) of its JSON text. */
export function schemaKey(schema: object): string {
    return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

/** The build's validator of exactly this schema, or undefined (no generated module, or another schema). */
export function precompiledValidator(schema: object): ValidateFunction | undefined {
    let validators: Validators['validators'];
    try {
        validators = generated().validators;
    } catch {
        return undefined; // built without the generation step (tsc alone): compile at run time
    }
    return validators[schemaKey(schema)];
}

const ajvPackage = lazyRequire<typeof import('ajv')>(() => require('ajv'), 'ajv');

/**
 * The validator of a schema with the options every Interspec schema is checked with (all errors, not strict):
 * the build's, or compiled now. Ajv itself loads only in the second case.
 */
export function schemaValidator(schema: object): ValidateFunction {
    return precompiledValidator(schema) ?? new (ajvPackage().Ajv)(AJV_OPTIONS).compile(schema);
}

/** The ajv options of every Interspec schema: all errors, so a file's problems show at once; not strict. */
export const AJV_OPTIONS = { allErrors: true, strict: false } as const;
