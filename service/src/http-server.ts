import { createServer, type Server } from 'node:http';
import type Koa from 'koa';
import type { Config } from './config';

/**
 * Node's HTTP server for `app`, with each timeout set on purpose:
 *
 * - `keepAliveTimeout`: how long an idle keep-alive connection stays open.
 *   It must outlast the idle timeout of any load balancer in front (60 s on
 *   most), so that the balancer always closes first. The other way round,
 *   Node closes a connection the balancer has just reused, and the request
 *   on it fails with a 502.
 * - `headersTimeout`: how long a client may take to send a request's
 *   headers, against slow-header (slowloris) clients. Node starts it at the
 *   request's first byte, not when the connection turns idle, so it need not
 *   exceed `keepAliveTimeout` as advice written for older Node says. A new
 *   connection that sends nothing is cut as long after it opens.
 * - `requestTimeout`: how long a client may take to send a whole request,
 *   body included, from the same start. Past either, Node answers 408.
 *
 * Should `requestTimeout` be the shorter, neither limit is what its name
 * says: Node gives the headers the shorter value and the whole request the
 * longer, so a slow body runs to `headersTimeout`. createServer() refuses
 * such a pair as options but not as properties, as set here: hence the
 * check in src/config.ts.
 */
export function createHttpServer(app: Koa, config: Config): Server {
  const server = createServer(
    // How often Node looks for requests past the two limits above; its
    // default of 30 s would let a 20 s limit run to 50 s.
    { connectionsCheckingInterval: 1_000 },
    app.callback(),
  );
  server.keepAliveTimeout = config.KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = config.HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.REQUEST_TIMEOUT_MS;
  return server;
}
