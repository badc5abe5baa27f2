import type { Logger } from './logger';

/**
 * Logs every warning the process emits, such as a deprecation that a
 * dependency triggers (parseurl, under Koa, calls the deprecated
 * url.parse() for `OPTIONS *`), at warn under `err`, so that the log stays
 * one JSON object per line. Node's own printer, which writes them to
 * stderr as plain text, is turned off where node starts: `--no-warnings`
 * stops the printing, not the event.
 */
export function logProcessWarnings(logger: Logger): void {
  process.on('warning', (warning) => {
    logger.warn({ err: warning }, 'process warning');
  });
}
