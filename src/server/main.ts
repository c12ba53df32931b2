import { loadConfig } from './config.ts';
import { logDestination } from './request-log.ts';
import { start } from './start.ts';

try {
  const config = loadConfig();
  // The log: JSON lines on stdout, one per request, from LOG_LEVEL up.
  const started = await start(config, console.log, {
    logger: { level: config.LOG_LEVEL, stream: logDestination(1) },
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal (Ctrl-C again) does not wait for what is still in flight.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(
      `${signal}: no new requests; those in flight have up to ${config.SHUTDOWN_GRACE_SECONDS} s (SHUTDOWN_GRACE_SECONDS) to finish`,
    );
    void started.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
