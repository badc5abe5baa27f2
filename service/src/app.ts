import Router from '@koa/router';
import Koa from 'koa';
import { logAppErrors } from './app-error-logger';
import type { Config } from './config';
import type { Lifecycle } from './lifecycle';
import type { Logger } from './logger';
import { accessLog } from './middleware/access-log';
import { errorHandler } from './middleware/error-handler';
import { requestId } from './middleware/request-id';
import { securityHeaders } from './middleware/security-headers';
import { NoteStore } from './notes/note-store';
import { provideRequestLogger } from './request-logger';
import { registerDebugRoutes } from './routes/debug';
import { registerHealthRoutes } from './routes/health';
import { registerNoteRoutes } from './routes/notes';
import { registerRootRoute } from './routes/root';
import type { ServiceIdentity } from './version';

export interface AppDependencies {
  config: Config;
  identity: ServiceIdentity;
  lifecycle: Lifecycle;
  logger: Logger;
  /** Where `/api/notes` keeps its notes; a fresh in-memory store if unset. */
  noteStore?: NoteStore;
}

/**
 * Builds the Koa application without listening, so that tests drive
 * `app.callback()` directly and the entry point alone owns the port.
 */
export function createApp(dependencies: AppDependencies): Koa {
  const { config, identity, lifecycle, logger } = dependencies;
  const app = new Koa();
  const router = new Router();
  provideRequestLogger(app, logger);
  logAppErrors(app, logger);

  registerRootRoute(router, identity, config);
  registerHealthRoutes(router, lifecycle);
  registerNoteRoutes(
    router,
    dependencies.noteStore ?? new NoteStore(),
    config.BODY_LIMIT,
  );
  if (config.DEBUG_ROUTES) registerDebugRoutes(router);

  // The error handler comes first so that nothing below can answer
  // anything but its JSON; the request id next, as every later step and
  // every error body uses it.
  app.use(errorHandler(logger));
  app.use(requestId());
  app.use(accessLog(logger));
  app.use(securityHeaders());
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
