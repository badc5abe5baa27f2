import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Config } from '../../src/config';
import { createHttpServer } from '../../src/http-server';

/**
 * Serves `app` on a free loopback port, for the tests that need a real
 * socket: raw bytes, a streamed body, an abandoned request. With `config`,
 * through the service's own HTTP server and its timeouts.
 */
export async function listen(app: Koa, config?: Config) {
  const server = config
    ? createHttpServer(app, config)
    : createServer(app.callback());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
