import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

declare module 'koa' {
  interface DefaultContext {
    /** Names this request in every log line and error body about it. */
    requestId: string;
  }
}

export const REQUEST_ID_HEADER = 'X-Request-Id';

// Long enough for a UUID, a ULID or a W3C traceparent; short and plain
// enough that a value passing it cannot break a log line or a header.
const MAX_LENGTH = 128;
const PLAIN = /^[\w.:-]+$/;

/**
 * Takes the caller's `X-Request-Id` when it is safe to repeat, so that a
 * request can be followed across services; otherwise, and when there is
 * none, names the request with a fresh UUID. The id is sent back in the
 * same header either way.
 */
export function requestId(): Middleware {
  return (ctx, next) => {
    ctx.requestId = safeRequestId(ctx.get(REQUEST_ID_HEADER));
    ctx.set(REQUEST_ID_HEADER, ctx.requestId);
    return next();
  };
}

/** `incoming` when it is a plain, bounded token, else a new UUID. */
export function safeRequestId(incoming: string): string {
  const isSafe = incoming.length <= MAX_LENGTH && PLAIN.test(incoming);
  return isSafe ? incoming : randomUUID();
}
