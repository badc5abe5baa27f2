import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createHttpServer } from '../src/http-server';

describe('createHttpServer', () => {
  let server: ReturnType<typeof createHttpServer> | undefined;
  afterEach(() => server?.close());

  it('sets the timeouts from the settings', () => {
    const config = loadConfig({
      KEEP_ALIVE_TIMEOUT_MS: '61000',
      HEADERS_TIMEOUT_MS: '7000',
      REQUEST_TIMEOUT_MS: '9000',
    });

    server = createHttpServer(new Koa(), config);

    expect(server.keepAliveTimeout).toBe(61_000);
    expect(server.headersTimeout).toBe(7_000);
    expect(server.requestTimeout).toBe(9_000);
  });

  it('keeps idle connections longer than a 60 s load balancer by default', () => {
    server = createHttpServer(new Koa(), loadConfig({}));

    expect(server.keepAliveTimeout).toBeGreaterThan(60_000);
  });
});
