'use strict';
// Where the warm pool (dev/warm-pool.js), its warm servers and nodemon's
// command (dev/run-server.js) meet: all in the container's own /tmp.

const os = require('node:os');
const path = require('node:path');

/** The pool's Unix socket, which dev/run-server.js connects to. */
exports.socketPath = path.join(os.tmpdir(), 'warm-pool.sock');

/** The packages' modules the last server loaded (dev/run-entry.js). */
exports.preloadListFile = path.join(os.tmpdir(), 'warm-server-preload.json');
