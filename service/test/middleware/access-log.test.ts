import { request as httpRequest } from 'node:http';
import Koa from 'koa';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { accessLog } from '../../src/middleware/access-log';
import { requestId } from '../../src/middleware/request-id';
import { buildAppWith } from '../support/build-app';
import { captureLogs, type LogLine } from '../support/capture-logs';
import { listen } from '../support/listen';
import { sendTruncatedBody } from '../support/truncated-request';

// The line is written on the response's `close` event, which may come just
// after the client has read the answer.
async function accessLines(lines: LogLine[], count: number) {
  await expect.poll(() => lines.filter(isAccessLine).length).toBe(count);
  return lines.filter(isAccessLine);
}

function isAccessLine(line: LogLine) {
  return line.msg === 'request';
}

describe('accessLog', () => {
  it('writes one info line with method, path, status, duration and id', async () => {
    const { logger, lines } = captureLogs();
    const app = buildAppWith({ logger }).callback();

    await request(app).get('/?token=secret').set('X-Request-Id', 'req-1');

    const [line] = await accessLines(lines, 1);
    expect(line).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      requestId: 'req-1',
      method: 'GET',
      path: '/',
      status: 200,
      durationMs: expect.any(Number),
      msg: 'request',
    });
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('logs the final status of an error answer', async () => {
    const { logger, lines } = captureLogs();
    const app = buildAppWith({ logger }).callback();

    await request(app).get('/nowhere');
    await request(app).post('/api/notes').type('json').send('{');

    const logged = await accessLines(lines, 2);
    expect(logged.map(({ path, status }) => [path, status])).toEqual([
      ['/nowhere', 404],
      ['/api/notes', 400],
    ]);
  });

  it.each(['/livez', '/readyz', '/health'])(
    'logs the probe %s at debug, not at info',
    async (path) => {
      const { logger, lines } = captureLogs();
      const app = buildAppWith({ logger }).callback();

      await request(app).get(path);

      const [line] = await accessLines(lines, 1);
      expect(line).toMatchObject({ level: 20, path });
    },
  );

  it('puts the request id on every line of a request', async () => {
    const { logger, lines } = captureLogs();
    const app = buildAppWith({ logger }).callback();

    await request(app)
      .post('/api/notes')
      .set('X-Request-Id', 'req-create')
      .send({ title: 'Logged' });

    await accessLines(lines, 1);
    expect(lines.map(({ msg }) => msg)).toEqual(['note created', 'request']);
    for (const line of lines) {
      expect(line).toHaveProperty('requestId', 'req-create');
    }
  });

  it('logs a request the client abandoned, marked aborted', async () => {
    const { logger, lines } = captureLogs();
    const app = new Koa();
    app.use(requestId());
    app.use(accessLog(logger));
    // The route never answers; the client hangs up once it has arrived.
    app.use(() => new Promise<void>(() => client.destroy()));
    const server = await listen(app);

    const client = httpRequest(`${server.url}/slow`);
    client.on('error', () => {});
    client.end();

    const [line] = await accessLines(lines, 1);
    await server.close();
    expect(line).toMatchObject({ path: '/slow', aborted: true });
    // Koa's default of 404 was never sent: no status is logged.
    expect(line).not.toHaveProperty('status');
  });

  it('keeps the status of an answer abandoned after its headers', async () => {
    const { logger, lines } = captureLogs();
    const app = new Koa();
    app.use(requestId());
    app.use(accessLog(logger));
    app.use((ctx) => {
      ctx.status = 202;
      ctx.flushHeaders();
      return new Promise<void>(() => {});
    });
    const server = await listen(app);

    const client = httpRequest(`${server.url}/started`);
    client.on('response', () => client.destroy());
    client.on('error', () => {});
    client.end();

    const [line] = await accessLines(lines, 1);
    await server.close();
    expect(line).toMatchObject({ status: 202, aborted: true });
  });

  it.each([
    { title: 'a body cut short', hangUp: true, answer: 400 },
    { title: 'a request timeout', hangUp: false, answer: 408 },
  ])(
    'logs no status for $title, which Node answered $answer itself',
    async ({ hangUp, answer }) => {
      const config = loadConfig({
        NODE_ENV: 'test',
        HEADERS_TIMEOUT_MS: '300',
        REQUEST_TIMEOUT_MS: '300',
      });
      const { logger, lines } = captureLogs();
      const server = await listen(buildAppWith({ config, logger }), config);

      const answered = await sendTruncatedBody(server.port, 'cut-2', {
        hangUp,
      });
      const [line] = await accessLines(lines, 1);
      await server.close();

      expect(answered).toMatch(new RegExp(`^HTTP/1\\.1 ${answer} `));
      expect(line).toMatchObject({ requestId: 'cut-2', aborted: true });
      expect(line).not.toHaveProperty('status');
    },
  );
});
