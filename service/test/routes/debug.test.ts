import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { Lifecycle } from '../../src/lifecycle';
import { readServiceIdentity } from '../../src/version';

function buildAppWith(debugRoutes: 'true' | 'false') {
  return createApp({
    config: loadConfig({ NODE_ENV: 'test', DEBUG_ROUTES: debugRoutes }),
    identity: readServiceIdentity(),
    lifecycle: new Lifecycle(),
    logger: pino({ level: 'silent' }),
  }).callback();
}

describe('the debug routes', () => {
  it('do not exist unless DEBUG_ROUTES=true', async () => {
    const app = buildAppWith('false');

    expect((await request(app).get('/debug/delay/0')).status).toBe(404);
    expect((await request(app).get('/debug/error')).status).toBe(404);
  });
});

describe('GET /debug/delay/:milliseconds', () => {
  it('answers after the given time', async () => {
    const started = Date.now();

    const response = await request(buildAppWith('true')).get(
      '/debug/delay/200',
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ delayedMs: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it.each(['abc', '1.5', '60001'])('rejects %j with a 400', async (value) => {
    const response = await request(buildAppWith('true')).get(
      `/debug/delay/${value}`,
    );

    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'expected a whole number of milliseconds from 0 to 60000',
    );
  });
});

describe('GET /debug/error', () => {
  it('fails with a 500 that hides the error from the client', async () => {
    const response = await request(buildAppWith('true')).get('/debug/error');

    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      status: 500,
      message: 'Internal Server Error',
      requestId: response.headers['x-request-id'],
    });
  });
});
