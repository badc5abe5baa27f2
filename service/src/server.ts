import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { exitOnCrash } from './crash-handler';
import { Lifecycle } from './lifecycle';
import { createLogger } from './logger';
import { handleShutdownSignals } from './shutdown';
import { readServiceIdentity } from './version';

function main(): void {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  exitOnCrash(logger);
  const lifecycle = new Lifecycle();
  const identity = readServiceIdentity();
  const app = createApp({ config, identity, lifecycle, logger });

  // No host: Node listens on every interface, IPv6 and IPv4 alike.
  const server = app.listen(config.PORT, () => {
    logger.info({ port: config.PORT, ...identity }, 'listening');
  });
  handleShutdownSignals(server, { lifecycle, logger, timeoutMs: 10_000 });
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
