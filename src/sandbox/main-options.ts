import type { SandboxOptions } from './app.ts';

/** Where `npm run sandbox` keeps uploads and deletions unless DATA_DIR says otherwise. */
export const SANDBOX_DATA_DIR_DEFAULT = 'data/sandbox';

/**
 * The options `npm run sandbox` builds the sandbox with, from the environment: DATA_DIR, and
 * SANDBOX_CONTROL_ROUTES=true for the `/__sandbox/...` routes (tests and demos only).
 */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  return {
    dataDir: env.DATA_DIR ?? SANDBOX_DATA_DIR_DEFAULT,
    controlRoutes: env.SANDBOX_CONTROL_ROUTES === 'true',
  };
}
