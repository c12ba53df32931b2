import { loadConfig } from './config.ts';
import { start } from './start.ts';

try {
  const started = await start(loadConfig());
  const stop = () => void started.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
