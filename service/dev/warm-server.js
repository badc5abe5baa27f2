'use strict';
// A dev server process started before the save that will need it, by the
// warm pool (dev/warm-pool.js), as `node -r ts-node/register` of this file.
// It loads ahead what every restart loads alike: ts-node with TypeScript,
// then the packages' modules the last run loaded. Then it waits. Told to
// start, it runs the entry point (dev/run-entry.js), so that a restart
// costs only the service's own modules.
//
// Known shortcoming: a package that reads the environment or the time as it
// loads reads them now, not when the service starts; and one the service
// changes before requiring it (process.env.DEBUG, say) sees the change
// only after a cold start, e.g. `make restart`.

const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { loadEsbuild } = require('./esbuild-transpiler');
const { runEntry } = require('./run-entry');
const { preloadListFile } = require('./warm-paths');

// First as ts-node's transpiler loads it; the list would load it otherwise.
loadEsbuild();
preload(modulesToPreload());
// Node loads the web stream and fetch classes on first use: Response alone
// costs some 50 ms, and koa's body setter checks `instanceof Response` in
// the first answer.
void [globalThis.ReadableStream, globalThis.Blob, globalThis.Response];

// The pool gone, nobody will ever start this one.
process.on('disconnect', () => process.exit(0));
process.once('message', ({ entry }) => {
  process.removeAllListeners('disconnect');
  // The service runs as it would under plain node: no channel to a parent
  // that keeps it alive or that it could mistake for a process manager's.
  process.disconnect();
  runEntry(entry);
});
process.send('ready');

/**
 * The list the last server left; on the first restart there is none yet,
 * and the service's own dependencies stand in for it.
 */
function modulesToPreload() {
  try {
    return JSON.parse(fs.readFileSync(preloadListFile, 'utf8'));
  } catch {
    return dependencyEntryPoints();
  }
}

function dependencyEntryPoints() {
  const manifest = path.resolve('package.json');
  const requireFromService = Module.createRequire(manifest);
  try {
    const { dependencies = {} } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    return Object.keys(dependencies).map((name) =>
      requireFromService.resolve(name),
    );
  } catch {
    return []; // a package without a CommonJS entry point, a broken manifest
  }
}

function preload(files) {
  for (const file of files) {
    try {
      require(file);
    } catch {
      // Gone or changed since the list was written: loaded when used.
    }
  }
}
