import {
  Agent,
  createServer,
  get,
  type IncomingHttpHeaders,
  type RequestListener,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Lifecycle } from '../src/lifecycle';
import { prepareShutdown, type ShutdownOptions } from '../src/shutdown';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
}

const servers: Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/**
 * A server whose `/slow` answers after `slowMs` and `/hang` never; either
 * resolves `heldRequestArrived` when it reaches the handler.
 */
async function startServer(slowMs = 300) {
  let markArrived: () => void = () => {};
  const heldRequestArrived = new Promise<void>((resolve) => {
    markArrived = resolve;
  });
  const handler: RequestListener = (request, response) => {
    if (request.url !== '/slow' && request.url !== '/hang') {
      return response.end('fast');
    }
    markArrived();
    if (request.url === '/slow') {
      setTimeout(() => response.end('slow'), slowMs);
    }
  };

  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, port, heldRequestArrived };
}

/** The options, with a log and the exit codes the test can read. */
function shutdownOptions(overrides: Partial<ShutdownOptions> = {}) {
  const logLines: string[] = [];
  const exitCodes: number[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const options: ShutdownOptions = {
    lifecycle: new Lifecycle(),
    logger: pino(logStream),
    delayMs: 0,
    timeoutMs: 5_000,
    exit: (code) => exitCodes.push(code),
    ...overrides,
  };
  return { options, logLines, exitCodes };
}

function request(port: number, path: string, agent?: Agent) {
  return new Promise<Answer>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers }),
      );
    }).on('error', reject);
  });
}

async function waitFor(condition: () => boolean, withinMs = 2_000) {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('prepareShutdown', () => {
  it('reports not ready as soon as the stop begins', async () => {
    const { server } = await startServer();
    const { options } = shutdownOptions();

    prepareShutdown(server, options)('SIGTERM');

    expect(options.lifecycle.isReady).toBe(false);
  });

  it('answers a request in flight, then exits 0', async () => {
    const { server, port, heldRequestArrived } = await startServer();
    const { options, exitCodes } = shutdownOptions();
    const stop = prepareShutdown(server, options);

    const answer = request(port, '/slow', new Agent({ keepAlive: true }));
    await heldRequestArrived;
    stop('SIGTERM');

    expect((await answer).status).toBe(200);
    expect((await answer).headers.connection).toBe('close');
    await waitFor(() => exitCodes.length > 0);
    expect(exitCodes).toEqual([0]);
  });

  it('closes an idle keep-alive connection instead of waiting for it', async () => {
    const { server, port } = await startServer();
    const { options, exitCodes } = shutdownOptions();
    const stop = prepareShutdown(server, options);
    const agent = new Agent({ keepAlive: true });
    await request(port, '/', agent);
    const [idleSocket] = Object.values(agent.freeSockets).flat();

    const started = Date.now();
    stop('SIGTERM');

    await waitFor(() => exitCodes.length > 0);
    expect(exitCodes).toEqual([0]);
    expect(Date.now() - started).toBeLessThan(1_000);
    await waitFor(() => idleSocket!.destroyed);
  });

  it('keeps taking requests for delayMs, each told to close its connection', async () => {
    const { server, port } = await startServer();
    const { options, exitCodes } = shutdownOptions({ delayMs: 300 });
    const agent = new Agent({ keepAlive: true });
    await request(port, '/', agent);

    prepareShutdown(server, options)('SIGTERM');
    const duringDelay = await request(port, '/', agent);

    expect(duringDelay.status).toBe(200);
    expect(duringDelay.headers.connection).toBe('close');
    expect(exitCodes).toEqual([]);
    await waitFor(() => exitCodes.length > 0);
    expect(exitCodes).toEqual([0]);
  });

  it('exits 1 with a log line once the deadline passes', async () => {
    const { server, port, heldRequestArrived } = await startServer();
    const { options, exitCodes, logLines } = shutdownOptions({
      timeoutMs: 200,
    });
    const stop = prepareShutdown(server, options);
    request(port, '/hang').catch(() => {});
    await heldRequestArrived;

    stop('SIGTERM');

    await waitFor(() => exitCodes.length > 0);
    expect(exitCodes).toEqual([1]);
    expect(logLines.join('')).toMatch(
      /"inFlight":1,"msg":"shutdown deadline passed, exiting"/,
    );
  });

  it('ignores a second signal while it drains', async () => {
    const { server } = await startServer();
    const { options, logLines } = shutdownOptions({ delayMs: 100 });
    const stop = prepareShutdown(server, options);

    stop('SIGTERM');
    stop('SIGINT');

    const shuttingDown = logLines.filter((line) =>
      line.includes('shutting down'),
    );
    expect(shuttingDown).toHaveLength(1);
  });
});
