// The service under a bounded load of mixed good and bad requests: prints
// the answers by status, the 5xx and failed connections, and the service's
// resident memory after a warm-up and after the run. A benchmark, not a
// test: it exits 1 when a target is missed, and its figures depend on the
// machine. Run through `make bench-errors`, which starts the prod service
// and runs this beside it, sharing its network and process namespaces.
//
// The warm-up lasts until memory settles. Under load V8 grows its heap in
// steps, tens of MiB at a time, until the heap suits the allocation rate;
// on this service the last step came after some 250 000 requests. A short
// warm-up would measure that growth rather than a leak. So the load
// repeats in 5 s rounds until it has sent BENCH_WARMUP_REQUESTS and the
// last two rounds each added less than 5%, within BENCH_WARMUP_ROUNDS
// rounds; a leak never settles and still shows in the run.
import { readdirSync, readFileSync } from 'node:fs';
import autocannon, { type Request, type Result } from 'autocannon';

// Inside the prod container's network namespace: the service itself.
const target = 'http://127.0.0.1:8000';
const runSeconds = wholeNumber('BENCH_SECONDS', 20);
const roundSeconds = wholeNumber('BENCH_WARMUP_SECONDS', 5);
const maxRounds = wholeNumber('BENCH_WARMUP_ROUNDS', 24);
const minWarmupRequests = wholeNumber('BENCH_WARMUP_REQUESTS', 300_000);
const connections = wholeNumber('BENCH_CONNECTIONS', 16);
const settledGrowth = 0.05;
const maxMemoryGrowth = 0.2;

const json = { 'content-type': 'application/json' };
const oversizedTitle = 'a'.repeat(110 * 1024);

/** The statuses the mix must get, and nothing else. */
const expectedStatuses = new Set([200, 201, 204, 400, 404, 405, 413, 415, 422]);

// One connection walks this list in order, again and again. The created
// note is fetched and deleted by the next requests, so that the in-memory
// store stays small and memory measures the service, not the data.
const mix: Request[] = [
  { method: 'GET', path: '/' },
  {
    method: 'POST',
    path: '/api/notes',
    headers: json,
    body: JSON.stringify({ title: 'Load', tags: ['bench'] }),
    onResponse: (status, body, context: NoteContext) => {
      context.noteId = status === 201 ? JSON.parse(body).id : 'none';
    },
  },
  {
    method: 'GET',
    setupRequest: (request, context: NoteContext) => ({
      ...request,
      path: `/api/notes/${context.noteId}`,
    }),
  },
  {
    method: 'DELETE',
    setupRequest: (request, context: NoteContext) => ({
      ...request,
      path: `/api/notes/${context.noteId}`,
    }),
  },
  { method: 'GET', path: '/api/notes?limit=10' },
  { method: 'GET', path: '/api/notes?limit=0' },
  { method: 'POST', path: '/api/notes', headers: json, body: '{"title": ' },
  {
    method: 'POST',
    path: '/api/notes',
    headers: { 'content-type': 'text/plain' },
    body: 'a note',
  },
  {
    method: 'POST',
    path: '/api/notes',
    headers: json,
    body: JSON.stringify({ title: '', tags: 'x' }),
  },
  {
    method: 'POST',
    path: '/api/notes',
    headers: json,
    body: JSON.stringify({ title: oversizedTitle }),
  },
  { method: 'GET', path: '/nowhere' },
  { method: 'DELETE', path: '/readyz' },
  {
    method: 'GET',
    path: '/',
    headers: { 'x-request-id': `unsafe ${'x'.repeat(300)}` },
  },
  { method: 'GET', path: '/livez' },
];

interface NoteContext {
  noteId?: string;
}

async function main(): Promise<void> {
  const servicePid = findServicePid();
  console.log(
    `target      ${target}, ${connections} connections, pid ${servicePid}`,
  );

  const warmRss = await warmUp(servicePid);
  const result = await load(runSeconds);
  const finalRss = residentKiB(servicePid);

  const growth = (finalRss - warmRss) / warmRss;
  const statuses = countStatuses(result);
  const unexpected = [...statuses.keys()].filter(
    (status) => !expectedStatuses.has(status),
  );
  const fiveHundreds = sumStatuses(statuses, (status) => status >= 500);
  // autocannon counts a timeout among the errors too.
  const failedConnections = result.errors;

  printReport({
    result,
    statuses,
    fiveHundreds,
    warmRss,
    finalRss,
    growth,
  });

  const misses = [
    fiveHundreds > 0 && `${fiveHundreds} answers were 5xx`,
    failedConnections > 0 && `${failedConnections} connections failed`,
    growth > maxMemoryGrowth &&
      `memory grew ${percent(growth)}, over ${percent(maxMemoryGrowth)}`,
    unexpected.length > 0 && `unexpected statuses: ${unexpected.join(', ')}`,
  ].filter(Boolean);
  console.log(
    misses.length === 0
      ? 'verdict: met'
      : `verdict: MISSED: ${misses.join('; ')}`,
  );
  process.exitCode = misses.length === 0 ? 0 : 1;
}

/** Loads in rounds until memory settles; returns the settled RSS. */
async function warmUp(pid: number): Promise<number> {
  let rss = residentKiB(pid);
  let requests = 0;
  let settledRounds = 0;
  const isSettled = () => requests >= minWarmupRequests && settledRounds >= 2;

  for (let round = 1; round <= maxRounds && !isSettled(); round++) {
    requests += (await load(roundSeconds)).requests.total;
    const previous = rss;
    rss = residentKiB(pid);
    const growth = (rss - previous) / previous;
    settledRounds = growth < settledGrowth ? settledRounds + 1 : 0;
    console.log(
      `warm-up     round ${round}: ${requests} requests, ` +
        `rss ${mebibytes(rss)} (${percent(growth)})`,
    );
  }
  if (!isSettled()) console.log('warm-up     memory did not settle');
  return rss;
}

function load(seconds: number): Promise<Result> {
  return autocannon({
    url: target,
    connections,
    duration: seconds,
    requests: mix,
    timeout: 5,
  });
}

/** The service's node: the oldest node process other than this one. */
function findServicePid(): number {
  const pids = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => pid !== process.pid && programOf(pid) === 'node')
    .sort((a, b) => a - b);
  if (pids.length === 0) {
    throw new Error('no service process found: run with --pid container:');
  }
  return pids[0]!;
}

/** The file name of a process's program; Node renames its thread. */
function programOf(pid: number): string {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
    return argv0!.split('/').pop()!;
  } catch {
    return '';
  }
}

function residentKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

function countStatuses(result: Result): Map<number, number> {
  const counts = new Map<number, number>();
  for (const [status, { count }] of Object.entries(
    result.statusCodeStats ?? {},
  )) {
    counts.set(Number(status), count ?? 0);
  }
  return counts;
}

function sumStatuses(
  statuses: Map<number, number>,
  predicate: (status: number) => boolean,
): number {
  let sum = 0;
  for (const [status, count] of statuses) if (predicate(status)) sum += count;
  return sum;
}

interface Report {
  result: Result;
  statuses: Map<number, number>;
  fiveHundreds: number;
  warmRss: number;
  finalRss: number;
  growth: number;
}

function printReport(report: Report): void {
  const { result, statuses, fiveHundreds, warmRss, finalRss, growth } = report;
  const byStatus = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');

  console.log(
    `run         ${result.requests.total} requests in ${runSeconds}s`,
  );
  console.log(`req/s       ${result.requests.average} average`);
  console.log(
    `latency     p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
  );
  console.log(`by status   ${byStatus}`);
  console.log(`5xx         ${fiveHundreds}`);
  console.log(
    `failed      ${result.errors} connection errors, ${result.timeouts} of them timeouts`,
  );
  console.log(`rss warm    ${mebibytes(warmRss)}`);
  console.log(`rss after   ${mebibytes(finalRss)} (${percent(growth)})`);
}

function wholeNumber(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new Error(`${name}="${value}": expected a whole number from 1`);
  }
  return Number(value);
}

function mebibytes(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}

function percent(ratio: number): string {
  return `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;
}

void main();
