import { PrerequisiteError, type Host } from './host.ts';

export interface DebianPackage {
  /** Debian's package name, e.g. `chromium` or `redis-server`. */
  name: string;
  /** What it is for, in the words of the run's log: "a browser for the browser tests". */
  purpose: string;
  /** What else would do instead, for the message when it cannot be installed. */
  otherwise: string;
  /** Roughly how long the install takes, said before it starts. */
  takes: string;
}

/**
 * Installs a package with apt-get, as root or through sudo without a password. Where it cannot
 * (not Debian, not root), it throws at once with the exact command to run.
 */
export function installDebianPackage(host: Host, pkg: DebianPackage): void {
  const command = `apt-get install -y ${pkg.name}`;
  if (host.platform !== 'linux' || !host.exists('/etc/debian_version') || !host.which('apt-get')) {
    throw new PrerequisiteError(
      `This run needs ${pkg.purpose} and cannot install one on this system (not Debian). ${pkg.otherwise}`,
    );
  }
  const sudo = host.isRoot() ? [] : ['sudo', '-n'];
  if (sudo.length > 0 && !host.run('sudo', ['-n', 'true']).ok) {
    throw new PrerequisiteError(
      `This run needs ${pkg.purpose}. Install it as root, then run the tests again:\n  sudo apt-get update && sudo ${command}\n${pkg.otherwise}`,
    );
  }
  host.log(`Installing Debian's ${pkg.name} (${pkg.purpose}) with apt-get: ${pkg.takes}…`);
  const apt = (args: string[]) => {
    const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
    return host.run(cmd!, rest, { DEBIAN_FRONTEND: 'noninteractive' });
  };
  const result = (() => {
    const update = apt(['update', '-qq']);
    return update.ok ? apt(['install', '-y', '-qq', pkg.name]) : update;
  })();
  if (!result.ok) {
    const tail = result.output.trim().split('\n').slice(-8).join('\n');
    throw new PrerequisiteError(
      `Installing ${pkg.name} with apt-get failed:\n${tail}\nRun \`${sudo.length ? 'sudo ' : ''}${command}\` by hand and see why. ${pkg.otherwise}`,
    );
  }
}
