'use strict';
// nodemon's command (nodemon.json):
//   node [NODE_FLAGS] dev/run-server.js ENTRY
// Asks the warm pool (dev/warm-pool.js) to start a warm server, made with
// the same Node flags, and stands in for it as nodemon's child: the
// signals nodemon sends go on to the server, and the server's exit is this
// process's exit, code or signal. With no pool to ask (nodemon run outside
// the container, say), it runs the entry point itself, cold, as
// `node NODE_FLAGS -r ts-node/register ENTRY` would. With
// --inspect-port=HOST:PORT among the flags, the server opens the inspector
// there as it starts (dev/run-entry.js).

const net = require('node:net');
const { socketPath } = require('./warm-paths');

const forwardedSignals = ['SIGTERM', 'SIGINT', 'SIGHUP'];
const options = readArguments();

const connection = net.connect(socketPath);
connection.once('error', startCold);
connection.once('connect', () => {
  connection.off('error', startCold);
  standIn(connection);
});

function standIn(connection) {
  let serverPid;
  let exited = false;
  const pendingSignals = [];
  for (const signal of forwardedSignals) {
    process.on(signal, () => {
      if (serverPid) signalServer(serverPid, signal);
      else pendingSignals.push(signal);
    });
  }

  connection.on('error', () => {}); // seen as the close below
  connection.write(`${JSON.stringify(options)}\n`);
  onMessages(connection, (message) => {
    if (message.pid === undefined) {
      exited = true;
      exitAs(message);
      return;
    }
    serverPid = message.pid;
    for (const signal of pendingSignals) signalServer(serverPid, signal);
  });
  connection.once('close', () => {
    if (exited) return;
    console.error('run-server: the warm pool stopped; run `make restart`');
    if (serverPid) signalServer(serverPid, 'SIGTERM');
    process.exit(1);
  });
}

function startCold() {
  require('ts-node').register();
  require('./run-entry').runEntry(options.entry);
}

function signalServer(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone: its exit is on its way from the pool.
  }
}

/** Ends this process as the server ended: same code, or same signal. */
function exitAs({ code, signal }) {
  if (!signal) process.exit(code ?? 1);
  for (const name of forwardedSignals) process.removeAllListeners(name);
  process.kill(process.pid, signal);
}

/** Calls `handle` with each line of JSON that arrives on `connection`. */
function onMessages(connection, handle) {
  let buffered = '';
  connection.setEncoding('utf8');
  connection.on('data', (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf('\n')) !== -1) {
      handle(JSON.parse(buffered.slice(0, end)));
      buffered = buffered.slice(end + 1);
    }
  });
}

function readArguments() {
  const [entry, ...rest] = process.argv.slice(2);
  if (!entry || rest.length > 0) {
    console.error('Usage: node [NODE_FLAGS] dev/run-server.js ENTRY');
    process.exit(2);
  }
  return { entry, execArgv: process.execArgv };
}
