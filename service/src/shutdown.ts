import type { Server, ServerResponse } from 'node:http';
import type { Lifecycle } from './lifecycle';
import type { Logger } from './logger';

export interface ShutdownOptions {
  lifecycle: Lifecycle;
  logger: Logger;
  /**
   * How long the port stays open after the signal, taking requests while
   * `/readyz` answers 503, so that a load balancer polling it stops sending
   * work before connections are refused.
   */
  delayMs: number;
  /** How long the whole stop may take before the process is ended. */
  timeoutMs: number;
  /** Ends the process; tests pass their own. */
  exit?: (code: number) => void;
}

/** On SIGTERM or SIGINT, stops `server` without losing a request. */
export function handleShutdownSignals(
  server: Server,
  options: ShutdownOptions,
): void {
  const stop = prepareShutdown(server, options);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/**
 * Returns the function that stops `server`, built on Node's own
 * `server.close()` and `closeIdleConnections()`:
 *
 * 1. `/readyz` answers 503 at once.
 * 2. Every response still to be sent, and every request that arrives later
 *    on an open connection, carries `Connection: close`: each connection
 *    closes once its request is answered, and no client reuses it.
 * 3. After `delayMs`, the port closes; `server.close()` also closes the
 *    idle keep-alive connections, which would otherwise hold the stop open
 *    for `keepAliveTimeout`.
 * 4. Once the last connection has closed, the process exits 0.
 *
 * If the stop still runs `timeoutMs` after the signal, a hung request for
 * instance, the process logs so and exits 1.
 */
export function prepareShutdown(
  server: Server,
  options: ShutdownOptions,
): (signal: NodeJS.Signals) => void {
  const inFlight = trackResponses(server);
  const exit = options.exit ?? ((code: number) => process.exit(code));

  return (signal) => {
    const { lifecycle, logger, delayMs, timeoutMs } = options;
    if (!lifecycle.isReady) return;

    lifecycle.beginDraining();
    logger.info({ signal, inFlight: inFlight.size }, 'shutting down');

    const deadline = setTimeout(() => {
      logger.error(
        { timeoutMs, inFlight: inFlight.size },
        'shutdown deadline passed, exiting',
      );
      exit(1);
    }, timeoutMs);
    deadline.unref();

    closeConnectionsAfterTheirResponses(server, inFlight);
    setTimeout(() => {
      server.close(() => {
        clearTimeout(deadline);
        logger.info('stopped');
        exit(0);
      });
    }, delayMs);
  };
}

/** The responses not yet finished, kept current as requests come and go. */
function trackResponses(server: Server): Set<ServerResponse> {
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });
  return inFlight;
}

function closeConnectionsAfterTheirResponses(
  server: Server,
  inFlight: Set<ServerResponse>,
): void {
  server.prependListener('request', (_request, response: ServerResponse) => {
    response.setHeader('Connection', 'close');
  });

  for (const response of inFlight) {
    if (!response.headersSent) {
      response.setHeader('Connection', 'close');
      continue;
    }
    // Its headers already promised keep-alive: close the connection as
    // soon as it falls idle.
    response.once('finish', () => server.closeIdleConnections());
  }
}
