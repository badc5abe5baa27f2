import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/**
 * JSON lines to stdout. In development they go through pino-pretty in this
 * same thread: a transport would start a worker on every restart, and the
 * restart is the part of the dev loop a developer waits for.
 */
export function createLogger(config: Config): Logger {
  const options = { level: config.LOG_LEVEL };
  if (config.NODE_ENV !== 'development') return pino(options);

  // A dev dependency: required here only, so production never loads it.
  const { build }: typeof import('pino-pretty') = require('pino-pretty');
  return pino(options, build({ sync: true, translateTime: 'SYS:HH:MM:ss' }));
}
