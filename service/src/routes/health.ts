import type Router from '@koa/router';
import type { Lifecycle } from '../lifecycle';

/**
 * The probes. `/livez` says the process can answer at all; `/readyz` says it
 * wants traffic, and turns 503 once a stop begins. `/health` is `/readyz`
 * under the name most tutorials and load balancer defaults use.
 */
export function registerHealthRoutes(
  router: Router,
  lifecycle: Lifecycle,
): void {
  router.get('/livez', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get(['/readyz', '/health'], (ctx) => {
    ctx.status = lifecycle.isReady ? 200 : 503;
    ctx.body = { status: lifecycle.phase };
  });
}
