import pino, { type Logger } from 'pino';

/** A line the logger wrote, parsed back from its JSON. */
export type LogLine = Record<string, unknown>;

/**
 * A real pino logger at `level` whose lines land in `lines` instead of on
 * stdout, so that a test can read what the service logged.
 */
export function captureLogs(level = 'trace'): {
  logger: Logger;
  lines: LogLine[];
} {
  const lines: LogLine[] = [];
  const destination = {
    write(line: string) {
      lines.push(JSON.parse(line));
    },
  };
  return { logger: pino({ level }, destination), lines };
}
