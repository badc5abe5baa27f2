import type { Server } from 'node:http';
import type { Lifecycle } from './lifecycle';
import type { Logger } from './logger';

export interface ShutdownOptions {
  lifecycle: Lifecycle;
  logger: Logger;
  /** How long in-flight requests may take before the process is ended. */
  timeoutMs: number;
}

/**
 * On SIGTERM or SIGINT: report not ready, stop accepting connections, let
 * the requests in flight finish, then exit 0. Node's `server.close()` also
 * closes idle keep-alive connections, so they cannot hold the stop open.
 * If something still hangs after `timeoutMs`, the process exits 1.
 */
export function handleShutdownSignals(
  server: Server,
  options: ShutdownOptions,
): void {
  const stop = (signal: NodeJS.Signals) => {
    const { lifecycle, logger, timeoutMs } = options;
    if (!lifecycle.isReady) return;

    lifecycle.beginDraining();
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();

    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown deadline passed, exiting');
      process.exit(1);
    }, timeoutMs).unref();
  };

  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
