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
 * The path is logged without its query string, which may carry tokens.
 */
export function accessLog(logger: Logger): Middleware {
  return (ctx, next) => {
    const started = performance.now();

    ctx.res.once('close', () => {
      const line = {
        requestId: ctx.requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      const level = PROBE_PATHS.has(ctx.path) ? 'debug' : 'info';
      if (ctx.res.writableFinished) logger[level](line, 'request');
      else logger[level]({ ...line, aborted: true }, 'request');
    });

    return next();
  };
}
