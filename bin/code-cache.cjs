'use strict';
// Loads a CommonJS bundle with a V8 code cache beside it, so that Node does not compile the 3.8 MB CLI bundle on
// every run (70-90 ms of a one-file `check`, issue 28). Plain JavaScript: it runs before the bundle exists in memory.
//
// The cache file is `<bundle>.v8cache`: a header line `interspec-code-cache <sha256 of the bundle's bytes>\n`, then V8's
// cached data. V8 itself only checks the source's length and its own flags, so the hash is what keeps a cache made
// for another build from being used. A cache that is missing, for another build, or that V8 rejects is ignored: the
// bundle is compiled as `require` would. `writeCodeCache` (run by `npm run build` after a check) makes the cache.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { isAscii } = require('node:buffer');
const Module = require('node:module');

const HEADER = 'interspec-code-cache ';

/** The cache file of a bundle. */
function cacheFileOf(bundle) {
    return `${bundle}.v8cache`;
}

/** The cached data in `cacheFile` if it was made for a bundle whose text hashes to `hash`, else undefined. */
function readCachedData(cacheFile, hash) {
    let bytes;
    try {
        bytes = fs.readFileSync(cacheFile);
    } catch {
        return undefined;
    }
    const newline = bytes.indexOf(10);
    if (newline < 0 || bytes.subarray(0, newline).toString('latin1') !== HEADER + hash) return undefined;
    return bytes.subarray(newline + 1);
}

/**
 * Runs `bundle` (an absolute path) as a CommonJS module, with its code cache when one fits. Returns the vm.Script,
 * whose `cachedDataRejected` says whether V8 refused the cache, and which `writeCodeCache` serialises.
 */
function loadWithCodeCache(bundle) {
    // The bytes are hashed as read, and an ASCII bundle (scripts/bundle.mjs escapes cli.cjs) becomes a one-byte
    // string without UTF-8 decoding: reading, decoding and hashing a UTF-8 string was 20 ms of every start.
    const bytes = fs.readFileSync(bundle);
    const hash = crypto.createHash('sha256').update(bytes).digest('hex');
    const source = isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
    const cachedData = readCachedData(cacheFileOf(bundle), hash);
    const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
    const loaded = new Module(bundle, module);
    loaded.filename = bundle;
    loaded.paths = Module._nodeModulePaths(path.dirname(bundle));
    loaded.loaded = true;
    script.runInThisContext().call(loaded.exports, loaded.exports, Module.createRequire(bundle), loaded, bundle, path.dirname(bundle));
    return { script, hash, usedCache: cachedData !== undefined && !script.cachedDataRejected };
}

/** Writes the code cache of a loaded bundle (after it ran, so that the functions a run compiled are in it), atomically. */
function writeCodeCache(bundle, loaded) {
    const file = cacheFileOf(bundle);
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${HEADER}${loaded.hash}\n`, 'latin1'), loaded.script.createCachedData()]));
    fs.renameSync(temporary, file);
}

module.exports = { cacheFileOf, loadWithCodeCache, writeCodeCache };
