import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedStore } from './embedded-store.ts';
import { RedisStore, safeRedisUrl } from './redis-store.ts';
import type { StateStore } from './state-store.ts';

export interface StateConfig {
  REDIS_URL?: string | undefined;
  DATA_DIR: string;
  SESSION_SECRET?: string | undefined;
}

export interface OpenedState {
  state: StateStore;
  /** SESSION_SECRET, or in sandbox mode the one kept under DATA_DIR (made on the first start). */
  sessionSecret: string;
  /** One line for the start's log: where the state is kept. */
  describe: string;
}

/** Where the proxy keeps its own state under DATA_DIR, beside the sandbox's. */
export const proxyStateDir = (dataDir: string) => path.join(dataDir, 'proxy');

/**
 * Opens the state store the configuration names: Redis at REDIS_URL (the start stops, naming
 * REDIS_URL, when it cannot be reached), or the embedded store in DATA_DIR/proxy/state.json.
 */
export async function openState(
  config: StateConfig,
  log: (level: 'warn' | 'info', message: string) => void = () => undefined,
): Promise<OpenedState> {
  const sessionSecret = config.SESSION_SECRET ?? keptSecret(config.DATA_DIR);
  if (config.REDIS_URL) {
    const state = await RedisStore.connect({ url: config.REDIS_URL, log });
    return {
      state,
      sessionSecret,
      describe: `Sessions and shared counts in Redis at ${safeRedisUrl(config.REDIS_URL)} (REDIS_URL), for every instance`,
    };
  }
  const file = path.join(proxyStateDir(config.DATA_DIR), 'state.json');
  return {
    state: new EmbeddedStore({ file }),
    sessionSecret,
    describe: `Sessions kept in ${file}, for this instance alone (set REDIS_URL to run several)`,
  };
}

/**
 * Sandbox mode without SESSION_SECRET: a secret made on the first start and kept under DATA_DIR,
 * so that a restart keeps everyone signed in. Made once even when several instances start at
 * the same moment on the same DATA_DIR: the file appears whole (a link to a finished temporary
 * file) or not at all, and whoever comes second reads the first one's.
 */
export function keptSecret(dataDir: string): string {
  const dir = proxyStateDir(dataDir);
  const file = path.join(dir, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, randomBytes(48).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  return readFileSync(file, 'utf8').trim();
}
