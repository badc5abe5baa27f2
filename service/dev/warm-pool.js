'use strict';
// Keeps one dev server warm (dev/warm-server.js: ts-node, TypeScript and
// the packages loaded, waiting), so that a restart after a save starts a
// process that has only the service's own modules left to load. Started
// beside nodemon by dev/start.sh. At each restart, nodemon's command
// (dev/run-server.js) connects to the pool's socket; the pool starts the
// warm server for it, says which process that is, and reports its exit.
// Meanwhile it warms the next one, for the next restart.
//
// A warm server whose configuration changed since it began to warm
// (tsconfig.json, package.json, an install into node_modules) is thrown
// away, and a fresh one starts cold. So is the first start's: there is no
// warm server before the first request says how to start it.
//
// Messages are lines of JSON. From dev/run-server.js: {entry, execArgv},
// its entry point and its Node flags.
// To it: {pid} once the server starts, then {code, signal} when it exits.

const { fork } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { socketPath } = require('./warm-paths');

// What a warm server has read before it is needed, besides the packages.
const configurationFiles = [
  'tsconfig.json',
  'package.json',
  // npm rewrites it on every change to node_modules.
  path.join(packagesDirectory(), '.package-lock.json'),
];

// Long enough for a started server's modules and first answer (measured:
// warming at once made restarts 15 to 25% slower on 2 cores), short
// enough for the next save.
const nextWarmDelayMs = 300;

let warm;
let nextWarmTimer;
// Restarts are served one at a time: a server starts once the last is gone.
let lastRestart = Promise.resolve();

fs.rmSync(socketPath, { force: true }); // left by an earlier container run
net
  .createServer((connection) => {
    // A stand-in that went away is seen as the connection's close.
    connection.on('error', () => {});
    lastRestart = lastRestart
      .then(() => serveRestart(connection))
      .catch((error) => {
        console.error('warm pool: a restart failed:', error);
        connection.destroy();
      });
  })
  .listen(socketPath);

/** Starts a server for the dev/run-server.js on `connection`. */
async function serveRestart(connection) {
  const options = await firstMessage(connection);
  if (!options) return; // gone before it asked

  const server = takeWarmServer(options);
  const outcome = await Promise.race([server.ready, server.exited]);
  if (outcome !== 'ready') return reportExit(connection, outcome);

  server.child.send(options);
  reply(connection, { pid: server.child.pid });
  // A stand-in that vanished leaves no server behind.
  connection.once('close', () => server.child.kill('SIGTERM'));
  warmNextServerSoon(options);

  reportExit(connection, await server.exited);
}

/**
 * The next warm server begins once the one just started has loaded and
 * answered its first request: warming beside it would slow it down.
 */
function warmNextServerSoon(options) {
  clearTimeout(nextWarmTimer);
  nextWarmTimer = setTimeout(() => {
    warm ??= warmServer(options);
  }, nextWarmDelayMs);
}

/** The warm server, if it can serve `options` as things are; else a new one. */
function takeWarmServer(options) {
  const server = warm;
  warm = undefined;
  if (server?.key === keyFor(options) && server.child.exitCode === null) {
    return server;
  }
  server?.child.kill('SIGKILL');
  return warmServer(options);
}

function warmServer(options) {
  const key = keyFor(options);
  const child = fork(path.join(__dirname, 'warm-server.js'), [], {
    execArgv: [...options.execArgv, '-r', 'ts-node/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    child,
    key,
    ready: new Promise((resolve) => child.once('message', resolve)),
    exited: new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    ),
  };
}

/**
 * What a warm server was made for: the request's options, and the size and
 * modification time of each configuration file as it began to warm.
 */
function keyFor(options) {
  const files = configurationFiles.map((file) => {
    try {
      const { size, mtimeMs } = fs.statSync(file);
      return `${size}@${mtimeMs}`;
    } catch {
      return 'none';
    }
  });
  return JSON.stringify({ options, files });
}

function packagesDirectory() {
  return path.dirname(path.dirname(require.resolve('ts-node/package.json')));
}

function reportExit(connection, { code, signal }) {
  if (!connection.destroyed) {
    connection.end(`${JSON.stringify({ code, signal })}\n`);
  }
}

function reply(connection, message) {
  connection.write(`${JSON.stringify(message)}\n`);
}

/** The first line from `connection`, parsed; undefined if it closes first. */
function firstMessage(connection) {
  return new Promise((resolve) => {
    let text = '';
    connection.setEncoding('utf8');
    connection.on('data', function onData(chunk) {
      text += chunk;
      if (!text.includes('\n')) return;
      connection.off('data', onData);
      resolve(JSON.parse(text.slice(0, text.indexOf('\n'))));
    });
    connection.once('close', () => resolve(undefined));
  });
}
