import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/**
 * JSON lines to stdout. In development they go through pino-pretty in this
 * same thread: a transport would start a worker on every restart, and the
 * restart is the part of the dev loop a developer waits for. Each event
 * stays on one line there too (an error's stack aside), so that
 * `make logs` shows one line per request.
 */
export function createLogger(config: Config): Logger {
  const options = { level: config.LOG_LEVEL };
  if (config.NODE_ENV !== 'development') return pino(options);

  // A dev dependency: required here only, so production never loads it.
  const { build }: typeof import('pino-pretty') = require('pino-pretty');
  const pretty = build({
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
  });
  return pino(options, pretty);
}
