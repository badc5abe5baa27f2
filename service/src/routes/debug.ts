import type Router from '@koa/router';
import { setTimeout as sleep } from 'node:timers/promises';

/** The longest `/debug/delay` waits: enough to span any stop. */
const longestDelayMs = 60_000;

/**
 * Routes for the end-to-end tests and for troubleshooting, registered only
 * when DEBUG_ROUTES=true (off by default; keep them off wherever the public
 * can reach the service):
 *
 * - `GET /debug/delay/:milliseconds` answers after that long, to hold a
 *   request in flight across a stop.
 * - `GET /debug/error` throws, to show where a stack trace in the log
 *   points.
 */
export function registerDebugRoutes(router: Router): void {
  router.get('/debug/delay/:milliseconds', async (ctx) => {
    const milliseconds = Number(ctx.params.milliseconds);
    const valid =
      /^\d+$/.test(ctx.params.milliseconds ?? '') &&
      milliseconds <= longestDelayMs;
    if (!valid) {
      ctx.throw(
        400,
        `expected a whole number of milliseconds from 0 to ${longestDelayMs}`,
      );
    }

    await sleep(milliseconds);
    ctx.body = { delayedMs: milliseconds };
  });

  router.get('/debug/error', () => {
    throw new Error('a deliberate failure, from GET /debug/error');
  });
}
