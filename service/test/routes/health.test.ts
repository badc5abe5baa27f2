import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { Lifecycle } from '../../src/lifecycle';
import { buildApp } from '../support/build-app';

describe('GET /livez', () => {
  it('answers 200 while the process runs', async () => {
    const response = await request(buildApp().callback()).get('/livez');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('still answers 200 while the service drains', async () => {
    const lifecycle = new Lifecycle();
    lifecycle.beginDraining();

    const response = await request(buildApp(lifecycle).callback()).get(
      '/livez',
    );

    expect(response.status).toBe(200);
  });
});

describe.each(['/readyz', '/health'])('GET %s', (path) => {
  it('answers 200 while the service takes traffic', async () => {
    const response = await request(buildApp().callback()).get(path);

    expect(response.status).toBe(200);
    expect(response.type).toBe('application/json');
    expect(response.body).toEqual({ status: 'serving' });
  });

  it('answers 503 once a stop has begun', async () => {
    const lifecycle = new Lifecycle();
    lifecycle.beginDraining();

    const response = await request(buildApp(lifecycle).callback()).get(path);

    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'draining' });
  });
});
