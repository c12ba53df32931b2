import type { Host } from './host.ts';

export interface FakeHostOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  files?: string[];
  onPath?: Record<string, string>;
  root?: boolean;
  /** Answers a command; by default every command succeeds with no output. */
  answer?: (command: string, args: string[]) => { ok: boolean; output: string } | undefined;
  /** Files a successful `apt-get install <name>` puts in place. */
  installs?: Record<string, string[]>;
}

/** A machine for the prerequisite checks' tests: it records the commands run and the lines said. */
export function fakeHost(options: FakeHostOptions = {}) {
  const files = new Set(options.files ?? []);
  const commands: string[] = [];
  const lines: string[] = [];
  const host: Host = {
    env: options.env ?? {},
    platform: options.platform ?? 'linux',
    exists: (file) => files.has(file),
    which: (command) => options.onPath?.[command],
    isRoot: () => options.root ?? true,
    run(command, args) {
      commands.push([command, ...args].join(' '));
      const answer = options.answer?.(command, args) ?? { ok: true, output: '' };
      const isInstall = [command, ...args].includes('apt-get') && args.includes('install');
      if (answer.ok && isInstall) {
        for (const file of options.installs?.[args[args.length - 1]!] ?? []) files.add(file);
      }
      return answer;
    },
    log: (line) => lines.push(line),
  };
  return { host, commands, lines };
}
