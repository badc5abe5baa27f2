// Does what an editor's debugger does on attach (e2e/suites/dev-reload.sh
// pipes it to node in the dev container): finds the running script of the
// TypeScript file REMOTE_FILE, maps TypeScript line LINE to the compiled
// code through the script's source map, sets a breakpoint there, makes a
// request and expects the server to pause on it. Exits 1 saying why not.
//
// Environment: REMOTE_FILE, LINE (1-based), INSPECTOR (host:port), APP_URL.

import http from 'node:http';

const remoteFile = process.env.REMOTE_FILE;
const line = Number(process.env.LINE) - 1;
const inspector = process.env.INSPECTOR ?? '127.0.0.1:9229';
const appUrl = process.env.APP_URL ?? 'http://127.0.0.1:8000/';

async function main() {
  const [target] = await (await fetch(`http://${inspector}/json/list`)).json();
  const session = await openSession(target.webSocketDebuggerUrl);
  try {
    const scripts = await session.scriptsAfter('Debugger.enable');
    const script = scripts.find((parsed) => parsed.url.endsWith(remoteFile));
    if (!script) throw new Error(`no running script is ${remoteFile}`);

    const map = readInlineSourceMap(script.sourceMapURL);
    if (map.sources[0] !== remoteFile) {
      throw new Error(`the source map names ${map.sources[0]}`);
    }
    const location = generatedLocationOf(map.mappings, line);
    if (!location) throw new Error(`line ${line + 1} maps to no code`);

    const { breakpointId } = await session.send('Debugger.setBreakpoint', {
      location: { scriptId: script.scriptId, ...location },
    });
    const paused = session.next('Debugger.paused');
    const answered = get(appUrl);
    const { hitBreakpoints = [] } = await withDeadline(paused, 5000);
    await session.send('Debugger.resume');
    await answered;
    if (!hitBreakpoints.includes(breakpointId)) {
      throw new Error('the server paused elsewhere');
    }
    await session.send('Debugger.removeBreakpoint', { breakpointId });
    console.log(`paused at ${remoteFile}:${line + 1}`);
  } finally {
    session.close();
  }
}

/** A Chrome DevTools Protocol session over the inspector's WebSocket. */
function openSession(url) {
  const socket = new WebSocket(url);
  const pending = new Map();
  const waiting = [];
  const events = [];
  let nextId = 1;

  socket.addEventListener('message', ({ data }) => {
    const message = JSON.parse(data);
    if (message.id) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result);
      return;
    }
    events.push(message);
    const index = waiting.findIndex((wait) => wait.method === message.method);
    if (index >= 0) waiting.splice(index, 1)[0].resolve(message.params);
  });

  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });

  return new Promise((resolve, reject) => {
    socket.addEventListener('error', () =>
      reject(new Error(`cannot reach ${url}`)),
    );
    socket.addEventListener('open', () =>
      resolve({
        send,
        next: (method) =>
          new Promise((resolve) => waiting.push({ method, resolve })),
        // V8 reports every script it has parsed once the debugger is on.
        async scriptsAfter(method) {
          await send(method);
          return events
            .filter((event) => event.method === 'Debugger.scriptParsed')
            .map((event) => event.params);
        },
        close: () => socket.close(),
      }),
    );
  });
}

function readInlineSourceMap(url = '') {
  const prefix = 'data:application/json;charset=utf-8;base64,';
  if (!url.startsWith(prefix)) throw new Error('the script has no source map');
  return JSON.parse(Buffer.from(url.slice(prefix.length), 'base64').toString());
}

/** The first compiled position that maps to original line `wanted`. */
function generatedLocationOf(mappings, wanted) {
  let originalLine = 0;
  const lines = mappings.split(';');
  for (let lineNumber = 0; lineNumber < lines.length; lineNumber++) {
    let columnNumber = 0;
    for (const segment of lines[lineNumber].split(',').filter(Boolean)) {
      const fields = decodeVlq(segment);
      columnNumber += fields[0];
      if (fields.length < 4) continue;
      originalLine += fields[2];
      if (originalLine === wanted) return { lineNumber, columnNumber };
    }
  }
  return undefined;
}

const base64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Source map segments are base64 VLQ numbers, sign in the lowest bit. */
function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const character of segment) {
    const digit = base64.indexOf(character);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >> 1) : value >> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on('end', resolve);
      })
      .on('error', reject);
  });
}

function withDeadline(promise, ms) {
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`no pause within ${ms} ms`)), ms).unref(),
  );
  return Promise.race([promise, timeout]);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
