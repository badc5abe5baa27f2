import pino from 'pino';
import { createApp, type AppDependencies } from '../../src/app';
import { loadConfig } from '../../src/config';
import { Lifecycle } from '../../src/lifecycle';
import { readServiceIdentity } from '../../src/version';

/** The app as the server builds it, with a silent logger and test settings. */
export function buildApp(lifecycle = new Lifecycle()) {
  return buildAppWith({ lifecycle });
}

/** The same, with some of its dependencies replaced. */
export function buildAppWith(overrides: Partial<AppDependencies>) {
  return createApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    identity: readServiceIdentity(),
    lifecycle: new Lifecycle(),
    logger: pino({ level: 'silent' }),
    ...overrides,
  });
}
