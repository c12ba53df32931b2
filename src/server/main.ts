import pino from 'pino';
import { loadConfig } from './config.ts';
import { start } from './start.ts';

/**
 * The log's way out: lines gathered into writes of 4 kB, or whatever came within a second, and
 * written without waiting. One write per line cost a system call per request, and a line that
 * met a full pipe (a log reader falling behind) held every request until it was taken. Lines
 * wait in memory instead, up to LOG_BUFFER_BYTES (past which they are dropped), and what waits
 * is written when the process exits (not when it is killed).
 */
const LOG_BUFFER_BYTES = 16 * 1024 * 1024;

try {
  const config = loadConfig();
  // The log: JSON lines on stdout, one per request, from LOG_LEVEL up.
  const stream = pino.destination({
    dest: 1,
    sync: false,
    maxLength: LOG_BUFFER_BYTES,
    minLength: 4096,
    periodicFlush: 1000,
  });
  const started = await start(config, console.log, {
    logger: { level: config.LOG_LEVEL, stream },
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
