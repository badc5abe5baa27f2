import { performance } from 'node:perf_hooks';
import type { Middleware } from 'koa';
import type { Logger } from '../logger';

// Polled every few seconds by the engine and by load balancers: at info they
// would bury the requests that matter. LOG_LEVEL=debug shows them.
const PROBE_PATHS = new Set(['/livez', '/readyz', '/health']);

/**
 * One line per request, written when the response is done: method, path,
 * final status, duration and request id. The line waits for the response's
 * `close` event rather than for `next()`, so that it carries the status the
 * error handler above chose, and so that a request the client abandoned is
 * logged too, marked `aborted`.
 *
 * A status is logged only once the response's headers were sent. Before
 * that, `statusCode` is Koa's placeholder of 404, or a status nobody
 * received, and when Node ends the request itself (400 for a body cut
 * short, 408 past the request timeout) it writes to the socket, not here.
 *
 * The path is logged without its query string, which may carry tokens.
 */
export function accessLog(logger: Logger): Middleware {
  return (ctx, next) => {
    const started = performance.now();

    ctx.res.once('close', () => {
      const { res } = ctx;
      const line = {
        requestId: ctx.requestId,
        method: ctx.method,
        path: ctx.path,
        ...(res.headersSent && { status: res.statusCode }),
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      const level = PROBE_PATHS.has(ctx.path) ? 'debug' : 'info';
      if (res.writableFinished) logger[level](line, 'request');
      else logger[level]({ ...line, aborted: true }, 'request');
    });

    return next();
  };
}
