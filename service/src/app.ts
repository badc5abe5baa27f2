import Router from '@koa/router';
import Koa from 'koa';
import type { Config } from './config';
import type { Lifecycle } from './lifecycle';
import type { Logger } from './logger';
import { errorHandler } from './middleware/error-handler';
import { registerDebugRoutes } from './routes/debug';
import { registerHealthRoutes } from './routes/health';
import { registerRootRoute } from './routes/root';
import type { ServiceIdentity } from './version';

export interface AppDependencies {
  config: Config;
  identity: ServiceIdentity;
  lifecycle: Lifecycle;
  logger: Logger;
}

/**
 * Builds the Koa application without listening, so that tests drive
 * `app.callback()` directly and the entry point alone owns the port.
 */
export function createApp(dependencies: AppDependencies): Koa {
  const { config, identity, lifecycle, logger } = dependencies;
  const app = new Koa();
  const router = new Router();

  registerRootRoute(router, identity, config);
  registerHealthRoutes(router, lifecycle);
  if (config.DEBUG_ROUTES) registerDebugRoutes(router);

  app.use(errorHandler(logger));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
