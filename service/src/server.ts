import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { exitOnCrash } from './crash-handler';
import { createHttpServer } from './http-server';
import { Lifecycle } from './lifecycle';
import { createLogger } from './logger';
import { logProcessWarnings } from './process-warnings';
import { handleShutdownSignals } from './shutdown';
import { readServiceIdentity } from './version';

function main(): void {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  exitOnCrash(logger);
  logProcessWarnings(logger);
  const lifecycle = new Lifecycle();
  const identity = readServiceIdentity();
  const app = createApp({ config, identity, lifecycle, logger });

  const server = createHttpServer(app, config);
  handleShutdownSignals(server, {
    lifecycle,
    logger,
    delayMs: config.SHUTDOWN_DELAY_MS,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });

  // No host: Node listens on every interface, IPv6 and IPv4 alike.
  server.listen(config.PORT, () => {
    logger.info({ port: config.PORT, ...identity }, 'listening');
    if (config.DEBUG_ROUTES) {
      logger.warn('DEBUG_ROUTES=true: /debug/delay and /debug/error answer');
    }
  });
}

/** A bad setting ends the process at once, with one line that names it. */
function loadConfigOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

main();
