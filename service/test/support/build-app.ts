import pino from 'pino';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { Lifecycle } from '../../src/lifecycle';
import { readServiceIdentity } from '../../src/version';

/** The app as the server builds it, with a silent logger and test settings. */
export function buildApp(lifecycle = new Lifecycle()) {
  const config = loadConfig({ NODE_ENV: 'test' });
  const logger = pino({ level: 'silent' });
  const identity = readServiceIdentity();
  return createApp({ config, identity, lifecycle, logger });
}
