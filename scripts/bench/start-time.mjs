// Times how long a server command takes from the spawn of its process to
// its first 200 on http://127.0.0.1:PORT/, over RUNS runs, and prints the
// median, the fastest and the slowest, in ms.
//   node start-time.mjs RUNS COMMAND [ARGUMENTS...]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const port = 8123;
const [runs = '9', command, ...commandArguments] = process.argv.slice(2);
if (!command) {
  console.error('usage: node start-time.mjs RUNS COMMAND [ARGUMENTS...]');
  process.exit(2);
}

const times = [];
for (let run = 0; run < Number(runs); run += 1) {
  times.push(await timeOneStart());
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(
  `${median.toFixed(0)} ${times[0].toFixed(0)} ${times.at(-1).toFixed(0)}`,
);

async function timeOneStart() {
  const started = performance.now();
  const child = spawn(command, commandArguments, {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const exited = once(child, 'exit');

  const deadline = started + 10_000;
  while ((await statusOf(`http://127.0.0.1:${port}/`)) !== 200) {
    if (performance.now() > deadline) {
      throw new Error(`${command} did not answer within 10 s`);
    }
    await sleep(2);
  }
  const elapsed = performance.now() - started;

  child.kill('SIGTERM');
  await exited;
  return elapsed;
}

function statusOf(url) {
  return new Promise((resolve) => {
    get(url, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', () => resolve(0));
  });
}
