import type Koa from 'koa';
import type { Context } from 'koa';
import type { Logger } from './logger';

/**
 * Logs the errors Koa raises outside the middleware chain, which would
 * otherwise reach its default printer: plain text on stderr, in the middle
 * of a log of JSON lines. The error handler catches whatever the chain
 * throws, so what arrives here is a request's connection failing around
 * it: a client that hung up mid-body (Node's parser: `Parse Error`), one
 * too slow for REQUEST_TIMEOUT_MS (`Request timeout`), a reset socket.
 *
 * Such an error is the client's or the network's doing, and nothing in the
 * service can be fixed for it, so it is a warning, not an error; it stays
 * visible at the default level, as many of them may mean a bad proxy or an
 * attack.
 */
export function logAppErrors(app: Koa, logger: Logger): void {
  app.on('error', (error: unknown, ctx?: Context) => {
    if (isStreamCutOff(error)) return;

    const request = ctx && {
      requestId: ctx.requestId,
      method: ctx.method,
      path: ctx.path,
    };
    logger.warn({ ...request, err: error }, 'request interrupted');
  });
}

/**
 * A streamed answer whose client left before its end (Koa reports the
 * stream's "Premature close"): the access line already marks the request
 * aborted, and the socket's own error, if it had one, is logged apart.
 */
function isStreamCutOff(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === 'ERR_STREAM_PREMATURE_CLOSE';
}
