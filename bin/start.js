// `npm start`: turns on Node's compile cache, then runs src/main.ts.
//
// This file is JavaScript on purpose. Node strips the types of a .ts file with a WebAssembly
// compiler that it loads on first use and keeps for the life of the process (about 17 MiB of
// resident memory). With the compile cache on, the stripped code of every module, src/main.ts
// included, is read back from the cache at the next start, so that compiler is never loaded (and
// start-up is faster). A .ts entry would need the compiler before it could turn the cache on.
//
// The cache lives in node_modules/.cache, inside the installed app: only whoever can already change
// the app's code can write there (a folder in the shared /tmp could be filled by another user with
// code this process would then run). `npm ci` empties it, as it should after new dependencies.
// Node checks each entry against the source and the Node version, and rewrites stale ones.
// NODE_COMPILE_CACHE chooses another folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import { mkdirSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import process from 'node:process';

if (!process.env.NODE_COMPILE_CACHE) {
  const dir = join(import.meta.dirname, '..', 'node_modules', '.cache', 'caresite-compile');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    module.enableCompileCache(dir);
  } catch {
    // A read-only install only starts a little slower, with a little more memory.
  }
}

await import('../src/main.ts');
