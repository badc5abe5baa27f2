import { STATUS_CODES } from 'node:http';
import type { Middleware } from 'koa';
import type { Logger } from '../logger';

/** What the client receives for any error, and nothing more. */
export interface ErrorBody {
  status: number;
  message: string;
}

/** The fields of an http-errors error that decide the answer. */
interface HttpErrorLike {
  status: number;
  expose: boolean;
  message: string;
  headers?: Record<string, string>;
}

/**
 * First in the chain: turns every error below it, and every error status
 * left without a body (the router's 404 and 405), into one JSON shape.
 * Unexpected errors reach the client as the status text only and the log
 * in full.
 */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status >= 400 && ctx.body == null) ctx.throw(ctx.status);
    } catch (error) {
      const httpError = asHttpError(error);
      if (httpError.status >= 500) {
        logger.error({ err: error }, 'request failed');
      }

      ctx.set(httpError.headers ?? {});
      ctx.status = httpError.status;
      ctx.body = {
        status: httpError.status,
        message: httpError.expose
          ? httpError.message
          : STATUS_CODES[httpError.status] ?? 'Error',
      } satisfies ErrorBody;
    }
  };
}

function asHttpError(error: unknown): HttpErrorLike {
  if (isHttpError(error)) return error;
  return { status: 500, expose: false, message: 'Internal Server Error' };
}

function isHttpError(error: unknown): error is HttpErrorLike {
  const status = (error as Partial<HttpErrorLike> | null)?.status;
  return (
    typeof status === 'number' &&
    status >= 400 &&
    status <= 599 &&
    typeof (error as HttpErrorLike).expose === 'boolean'
  );
}
