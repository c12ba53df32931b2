import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** What the prerequisite checks ask of the machine; tests give a fake one. */
export interface Host {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists(file: string): boolean;
  /** The executable a command name resolves to on PATH, if any. */
  which(command: string): string | undefined;
  isRoot(): boolean;
  /** Runs a command to its end; `output` is its stdout and stderr together. */
  run(command: string, args: string[], env?: NodeJS.ProcessEnv): { ok: boolean; output: string };
  log(line: string): void;
}

/** A prerequisite that cannot be had here: the message says what to run, and the run stops. */
export class PrerequisiteError extends Error {
  override name = 'PrerequisiteError';
}

export function systemHost(log: (line: string) => void = console.log): Host {
  return {
    env: process.env,
    platform: process.platform,
    exists: existsSync,
    which(command) {
      for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
        const file = path.join(dir, command);
        if (dir && existsSync(file)) return file;
      }
      return undefined;
    },
    isRoot: () => process.getuid?.() === 0,
    run(command, args, env) {
      const result = spawnSync(command, args, {
        encoding: 'utf8',
        env: { ...process.env, ...env },
        maxBuffer: 64 * 1024 * 1024,
      });
      return {
        ok: result.status === 0,
        output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`,
      };
    },
    log,
  };
}
