import type { Logger } from './logger';

/**
 * A crash is never silent: an error that nothing caught, thrown or
 * rejected, is logged at fatal with its stack, and the process exits 1 so
 * that the engine restarts it. Carrying on would serve from a state nobody
 * planned for. The exit flushes the log: pino writes its last lines
 * synchronously when the process exits.
 */
export function exitOnCrash(logger: Logger): void {
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception, exiting');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled rejection, exiting');
    process.exit(1);
  });
}
