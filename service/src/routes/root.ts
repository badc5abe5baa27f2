import type Router from '@koa/router';
import type { Config } from '../config';
import type { ServiceIdentity } from '../version';

/** `GET /`: which service this is, which version, in which environment. */
export function registerRootRoute(
  router: Router,
  identity: ServiceIdentity,
  config: Config,
): void {
  router.get('/', (ctx) => {
    ctx.body = {
      service: identity.name,
      version: identity.version,
      environment: config.NODE_ENV,
    };
  });
}
