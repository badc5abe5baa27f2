import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';

/**
 * Serves `app` on a free loopback port, for the tests that need a real
 * socket: raw bytes, a streamed body, an abandoned request.
 */
export async function listen(app: Koa) {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
