import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

// Production lines are gathered up to this many bytes and written together:
// a write to stdout per line was a good part of each request's CPU time.
// Pino flushes what is gathered when the process exits, on a crash or a
// stop alike (see crash-handler.ts and shutdown.ts, which exit through
// process.exit); a quiet service's lines still appear within FLUSH_EVERY_MS.
// A SIGKILL, or the engine's OOM killer, loses at most this much.
const BUFFER_BYTES = 4096;
const FLUSH_EVERY_MS = 250;

/**
 * JSON lines to stdout. In development they go through pino-pretty in this
 * same thread: a transport would start a worker on every restart, and the
 * restart is the part of the dev loop a developer waits for. Each event
 * stays on one line there too (an error's stack aside), so that
 * `make logs` shows one line per request.
 */
export function createLogger(config: Config): Logger {
  const options = { level: config.LOG_LEVEL };
  if (config.NODE_ENV !== 'development') {
    return pino(options, bufferedStdout());
  }

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

/** Stdout, written asynchronously and in batches; flushed at exit by pino. */
function bufferedStdout(): pino.DestinationStream {
  return pino.destination({
    dest: 1,
    sync: false,
    minLength: BUFFER_BYTES,
    periodicFlush: FLUSH_EVERY_MS,
  });
}
