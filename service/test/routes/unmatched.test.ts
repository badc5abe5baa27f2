import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../support/build-app';

describe('an unknown path', () => {
  it('gets a JSON 404', async () => {
    const response = await request(buildApp().callback()).get('/nowhere');

    expect(response.status).toBe(404);
    expect(response.type).toBe('application/json');
    expect(response.body).toEqual({ status: 404, message: 'Not Found' });
  });
});

describe('a known path with a method it does not take', () => {
  it('gets a JSON 405 with an Allow header', async () => {
    const response = await request(buildApp().callback()).delete('/readyz');

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('HEAD, GET');
    expect(response.body).toEqual({
      status: 405,
      message: 'Method Not Allowed',
    });
  });
});
