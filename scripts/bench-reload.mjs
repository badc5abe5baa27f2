// make bench-reload (through bench-reload.sh): save-to-serve of the dev loop.
//
// Runs inside the running api container (bench-reload.sh pipes it to node),
// so that both tools share one machine, one Node and one node_modules: the
// dev service itself (nodemon + ts-node, port 8000) and `tsx watch` on a
// copy of the same code (port 8001). Each save writes src/routes/root.ts
// with a new value and is timed until GET / answers with it. The two tools
// take turns, save by save, so that a change in the machine's load touches
// both alike. It prints figures; it is not a test.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const serviceDirectory = '/app/service';
const editedFile = 'src/routes/root.ts';
const anchor = 'service: identity.name,';
const edits = Number(process.env.BENCH_EDITS || 20);
const warmUpEdits = 2;
// A developer does not save several times a second; the pause also lets the
// type checker beside the dev service react to each save, as it would in use.
const pauseBetweenEditsMs = Number(process.env.BENCH_PAUSE_MS || 1000);
const answerDeadlineMs = 15_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET url on a fresh connection; resolves to the body, or null on error. */
function fetchBody(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(body));
      response.on('error', () => resolve(null));
    });
    request.setTimeout(2000, () => request.destroy());
    request.on('error', () => resolve(null));
  });
}

async function waitForBody(url, text) {
  const started = performance.now();
  while (performance.now() - started < answerDeadlineMs) {
    const body = await fetchBody(url);
    if (body !== null && body.includes(text)) return;
    await sleep(5);
  }
  throw new Error(`${url} did not answer with ${text} within 15 s`);
}

/** One tool under test: where its code is, where it answers. */
function toolAt(name, directory, url) {
  const path = join(directory, editedFile);
  const original = fs.readFileSync(path, 'utf8');
  if (!original.includes(anchor)) {
    throw new Error(`${path} no longer contains "${anchor}"`);
  }
  return { name, path, url, original, times: [] };
}

/** Saves the tool's file with `value` in the answer; times it until served. */
async function timeOneEdit(tool, value) {
  const edited = tool.original.replace(anchor, `${anchor} bench: '${value}',`);
  fs.writeFileSync(tool.path, edited);
  const saved = performance.now();
  await waitForBody(tool.url, `"bench":"${value}"`);
  return performance.now() - saved;
}

async function measureInTurns(tools) {
  for (const tool of tools) await waitForBody(tool.url, '"service"');
  // tsx watch learns which files to watch as the server imports them, just
  // after it starts: a save before then would go unseen.
  await sleep(2000);
  try {
    for (let index = 0; index < warmUpEdits + edits; index++) {
      for (const tool of tools) {
        const ms = await timeOneEdit(tool, `${tool.name}-${index}`);
        if (index >= warmUpEdits) tool.times.push(ms);
        await sleep(pauseBetweenEditsMs);
      }
      process.stdout.write('.');
    }
  } finally {
    for (const tool of tools) fs.writeFileSync(tool.path, tool.original);
    process.stdout.write('\n');
  }
}

function summarize(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (fraction) =>
    sorted[
      Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)
    ];
  return {
    median: at(0.5),
    p95: at(0.95),
    min: sorted[0],
    max: sorted.at(-1),
  };
}

/** A copy of the service beside /app/node_modules' packages, for tsx. */
function copyServiceForTsx() {
  const directory = fs.mkdtempSync(join(tmpdir(), 'bench-tsx-'));
  for (const entry of ['src', 'package.json', 'tsconfig.json']) {
    fs.cpSync(join(serviceDirectory, entry), join(directory, entry), {
      recursive: true,
    });
  }
  fs.symlinkSync('/app/node_modules', join(directory, 'node_modules'));
  return directory;
}

function startTsxWatch(directory) {
  return spawn('/app/node_modules/.bin/tsx', ['watch', 'src/server.ts'], {
    cwd: directory,
    env: { ...process.env, PORT: '8001' },
    // An open stdin: tsx watch stops watching once its stdin ends.
    stdio: ['pipe', 'ignore', 'inherit'],
    // Its own process group, so that the stop reaches tsx's child as well.
    detached: true,
  });
}

function stopProcessGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

function printRow(name, figures) {
  const cell = (ms) => `${Math.round(ms)} ms`.padStart(8);
  console.log(
    `${name.padEnd(20)}${cell(figures.median)}${cell(figures.p95)}` +
      `${cell(figures.min)}${cell(figures.max)}`,
  );
}

async function main() {
  const directory = copyServiceForTsx();
  const tsx = startTsxWatch(directory);
  const ours = toolAt('ts-node', serviceDirectory, 'http://127.0.0.1:8000/');
  const theirs = toolAt('tsx', directory, 'http://127.0.0.1:8001/');
  console.log(
    `${edits} timed saves per tool, after ${warmUpEdits} untimed, in turns:` +
      ' the dev service (nodemon + ts-node) and tsx watch on a copy.',
  );
  try {
    await measureInTurns([ours, theirs]);
  } finally {
    stopProcessGroup(tsx);
    fs.rmSync(directory, { recursive: true, force: true });
  }

  const ourFigures = summarize(ours.times);
  const theirFigures = summarize(theirs.times);
  console.log(`\n${''.padEnd(20)}  median     p95     min     max`);
  printRow('nodemon + ts-node', ourFigures);
  printRow('tsx watch', theirFigures);
  const ratio = ourFigures.median / theirFigures.median;
  console.log(`ratio of medians (ours / tsx watch): ${ratio.toFixed(2)}`);
}

main().catch((error) => {
  console.error(`bench-reload: ${error.message}`);
  process.exit(1);
});
