import Koa, { type Middleware } from 'koa';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/middleware/error-handler';
import { requestId } from '../../src/middleware/request-id';
import { captureLogs } from '../support/capture-logs';

/** The error handler over a route that does what `route` does. */
function appWith(route: Middleware) {
  const { logger, lines } = captureLogs();
  const app = new Koa();
  app.use(errorHandler(logger));
  app.use(requestId());
  app.use(route);
  return { callback: app.callback(), lines };
}

describe('errorHandler', () => {
  it('answers an unexpected error with 500 and the status text only', async () => {
    const { callback } = appWith(() => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432 at /srv/db.ts');
    });

    const response = await request(callback)
      .get('/')
      .set('X-Request-Id', 'trace-500');

    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      status: 500,
      message: 'Internal Server Error',
      requestId: 'trace-500',
    });
    expect(response.text).not.toMatch(/ECONNREFUSED|db\.ts|at /);
  });

  it('logs an unexpected error in full, with the request id', async () => {
    const { callback, lines } = appWith(() => {
      throw new Error('the database is gone');
    });

    await request(callback).post('/orders').set('X-Request-Id', 'trace-1');

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'request failed',
      requestId: 'trace-1',
      method: 'POST',
      path: '/orders',
      err: { type: 'Error', message: 'the database is gone' },
    });
    expect(lines[0]!.err).toHaveProperty(
      'stack',
      expect.stringContaining('error-handler.test.ts'),
    );
  });

  it('answers a thrown value that is not an Error with 500', async () => {
    const { callback, lines } = appWith(() => {
      throw 'a string, thrown';
    });

    const response = await request(callback).get('/');

    expect(response.status).toBe(500);
    expect(response.body.message).toBe('Internal Server Error');
    expect(lines[0]).toMatchObject({ err: 'a string, thrown' });
  });

  it('hides the message of a 5xx that is not exposed', async () => {
    const { callback, lines } = appWith((ctx) => {
      ctx.throw(503, 'replica lag of 40s on db-2');
    });

    const response = await request(callback).get('/');

    expect(response.status).toBe(503);
    expect(response.body.message).toBe('Service Unavailable');
    expect(lines[0]).toMatchObject({
      level: 50,
      err: { message: 'replica lag of 40s on db-2' },
    });
  });

  it("keeps a client error's message and headers and does not log it", async () => {
    const { callback, lines } = appWith((ctx) => {
      ctx.throw(401, 'Sign in first', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    });

    const response = await request(callback).get('/');

    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body.message).toBe('Sign in first');
    expect(lines).toEqual([]);
  });

  it('keeps the status but not the message of an unexposed error', async () => {
    const { callback } = appWith(() => {
      throw Object.assign(new Error('token abc123 expired'), { status: 403 });
    });

    const response = await request(callback).get('/');

    expect(response.status).toBe(403);
    expect(response.body.message).toBe('Forbidden');
  });

  it('treats an error with a status outside 4xx and 5xx as a 500', async () => {
    const { callback } = appWith(() => {
      throw Object.assign(new Error('moved'), { status: 302, expose: true });
    });

    const response = await request(callback).get('/');

    expect(response.status).toBe(500);
    expect(response.body.message).toBe('Internal Server Error');
  });

  it('gives an error status left without a body the JSON shape', async () => {
    const { callback } = appWith((ctx) => {
      ctx.status = 409;
    });

    const response = await request(callback).get('/');

    expect(response.status).toBe(409);
    expect(response.type).toBe('application/json');
    expect(response.body).toEqual({
      status: 409,
      message: 'Conflict',
      requestId: response.headers['x-request-id'],
    });
  });

  it('leaves a successful answer alone', async () => {
    const { callback } = appWith((ctx) => {
      ctx.body = { fine: true };
    });

    const response = await request(callback).get('/');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ fine: true });
  });
});
