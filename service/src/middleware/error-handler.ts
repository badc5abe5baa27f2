import { STATUS_CODES } from 'node:http';
import type { Context, Middleware } from 'koa';
import type { Logger } from '../logger';

/** What the client receives for any error, and nothing more. */
export interface ErrorBody {
  status: number;
  message: string;
  requestId: string;
  /** Which input fields failed and why, on a validation error only. */
  fields?: FieldError[];
}

export interface FieldError {
  field: string;
  message: string;
}

/** The fields of a thrown error that decide the answer. */
interface ClientError {
  status: number;
  message: string;
  headers?: Record<string, string>;
  fields?: FieldError[];
}

/**
 * First in the chain: turns every error below it, and every error status
 * left without a body (the router's 404 and 405), into one JSON shape with
 * the request id. What an error says reaches the client only when the
 * error is marked `expose`, as Koa's `ctx.throw` marks every 4xx; anything
 * else answers with the status text alone. A thrown error that answers
 * 5xx is logged in full, with the request id.
 */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status >= 400 && ctx.body == null) {
        renderError(ctx, { status: ctx.status, message: textOf(ctx.status) });
      }
    } catch (error) {
      const clientError = toClientError(error);
      if (clientError.status >= 500) logFailure(logger, ctx, error);
      renderError(ctx, clientError);
    }
  };
}

function renderError(ctx: Context, error: ClientError): void {
  if (error.headers) ctx.set(error.headers);
  ctx.status = error.status;

  const body: ErrorBody = {
    status: error.status,
    message: error.message,
    requestId: ctx.requestId,
  };
  if (error.fields) body.fields = error.fields;
  ctx.body = body;
}

function logFailure(logger: Logger, ctx: Context, error: unknown): void {
  const { requestId, method, path } = ctx;
  logger.error({ requestId, method, path, err: error }, 'request failed');
}

/** A thrown value, as far as the answer depends on it. */
type Thrown = Partial<ClientError> & { expose?: unknown };

/**
 * Reads what may be shown from a thrown value. Like Koa's own fallback, an
 * error's valid `status` and `headers` are kept, its message and fields
 * only when `expose` is true; anything without a status is a 500.
 */
function toClientError(error: unknown): ClientError {
  const thrown = (error ?? {}) as Thrown;
  if (!isErrorStatus(thrown.status)) {
    return { status: 500, message: STATUS_CODES[500]! };
  }

  const status = thrown.status;
  const exposed = thrown.expose === true;
  const shown: ClientError = {
    status,
    message: exposed ? String(thrown.message) : textOf(status),
  };
  if (thrown.headers) shown.headers = thrown.headers;
  if (exposed && Array.isArray(thrown.fields)) shown.fields = thrown.fields;
  return shown;
}

function isErrorStatus(status: unknown): status is number {
  return (
    typeof status === 'number' &&
    Number.isInteger(status) &&
    status >= 400 &&
    status <= 599
  );
}

function textOf(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
