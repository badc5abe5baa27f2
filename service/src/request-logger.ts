import type Koa from 'koa';
import type { Logger } from './logger';

declare module 'koa' {
  interface DefaultContext {
    /** The logger for this request: every line carries its request id. */
    log: Logger;
  }
}

/**
 * Gives every request `ctx.log`, a child logger bound to its request id.
 * The child is made on first use only: most requests never log beyond the
 * access line, and that line passes the id itself.
 */
export function provideRequestLogger(app: Koa, logger: Logger): void {
  Object.defineProperty(app.context, 'log', {
    configurable: true,
    get(this: Koa.Context): Logger {
      const log = logger.child({ requestId: this.requestId });
      Object.defineProperty(this, 'log', { value: log });
      return log;
    },
  });
}
