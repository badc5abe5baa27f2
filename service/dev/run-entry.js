'use strict';
// Runs the dev server's entry point in this process, as
// `node --inspect=ADDRESS -r ts-node/register ENTRY` would, once ts-node is
// registered and given `--inspect-port=ADDRESS`. Shared by a warm server
// told to start (dev/warm-server.js) and by dev/run-server.js when no warm
// server is to be had.

const fs = require('node:fs');
const inspector = require('node:inspector');
const Module = require('node:module');
const path = require('node:path');
const { preloadListFile } = require('./warm-paths');

/** Runs `entry`, a path relative to the working directory, as the main module. */
exports.runEntry = function runEntry(entry) {
  // --inspect would open the inspector in each warm server as it warms, on
  // the one port; --inspect-port only says where, and it opens here.
  // Opened so, it does not warn of an inspector bound to 0.0.0.0 either,
  // any more than --inspect does: that is how a container's port is
  // published (to the host's loopback only: compose.yaml).
  if (process.execArgv.some((flag) => flag.startsWith('--inspect-port'))) {
    inspector.open();
  }
  process.on('exit', recordPackageModules);
  // As ts-node's own bin does: the entry runs as the main module, so that
  // `require.main === module` holds in it.
  process.argv[1] = path.resolve(entry);
  Module.runMain();
};

/**
 * Writes down the packages' modules this run loaded, for the next warm
 * server to load ahead of its start. Written at exit, when the list is
 * whole; a server killed outright leaves the last list in place.
 */
function recordPackageModules() {
  const marker = `${path.sep}node_modules${path.sep}`;
  const files = Object.keys(require.cache).filter((file) =>
    file.includes(marker),
  );
  const temporary = `${preloadListFile}.${process.pid}`;
  try {
    fs.writeFileSync(temporary, JSON.stringify(files));
    fs.renameSync(temporary, preloadListFile);
  } catch {
    fs.rmSync(temporary, { force: true }); // the next start loads them itself
  }
}
