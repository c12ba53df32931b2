import { installDebianPackage, type DebianPackage } from './debian-package.ts';
import { PrerequisiteError, type Host } from './host.ts';

/** The redis-server the tests (and `npm run cluster`) start, and where it came from. */
export interface RedisServer {
  path: string;
  source: string;
}

/** Where Debian's and Homebrew's packages put it. */
const SYSTEM_PATHS = [
  '/usr/bin/redis-server',
  '/usr/local/bin/redis-server',
  '/opt/homebrew/bin/redis-server',
];

/**
 * Debian's redis-server is installed when none is found: no npm package ships a Redis server.
 * Debian 12's is Redis 7.0, which has all the proxy uses (scripts with TIME, sorted sets).
 */
export const DEBIAN_REDIS: DebianPackage = {
  name: 'redis-server',
  purpose: 'a Redis server for the tests of several instances sharing their state',
  otherwise:
    'Or point REDIS_SERVER_PATH at a redis-server (or valkey-server) executable, Redis 6.2 or later.',
  takes: 'about 20 seconds, once',
};

/**
 * The lookup without installing, in order: REDIS_SERVER_PATH, redis-server on PATH, the usual
 * places. Undefined when none is there. A REDIS_SERVER_PATH that names no file is an error, not
 * a reason to take another server than the one asked for.
 */
export function findRedisServer(host: Host): RedisServer | undefined {
  const asked = host.env.REDIS_SERVER_PATH;
  if (asked) {
    if (!host.exists(asked)) {
      throw new PrerequisiteError(
        `REDIS_SERVER_PATH is ${asked}, and there is no file there. Point it at a redis-server executable, or unset it to let the run find or install one.`,
      );
    }
    return { path: asked, source: 'REDIS_SERVER_PATH' };
  }
  const onPath = host.which('redis-server');
  if (onPath) return { path: onPath, source: 'redis-server on PATH' };
  const system = SYSTEM_PATHS.find((file) => host.exists(file));
  if (system) return { path: system, source: "the system's redis-server" };
  return undefined;
}

/** The lookup, then Debian's redis-server installed when none is found. */
export function getRedisServer(host: Host): RedisServer {
  const found = findRedisServer(host);
  if (found) return found;
  host.log('No redis-server found (REDIS_SERVER_PATH, PATH, /usr/bin).');
  installDebianPackage(host, DEBIAN_REDIS);
  const installed = findRedisServer(host);
  if (!installed) {
    throw new PrerequisiteError(
      `apt-get installed redis-server, yet none is at ${SYSTEM_PATHS[0]}. ${DEBIAN_REDIS.otherwise}`,
    );
  }
  return { path: installed.path, source: "Debian's redis-server, installed by this run" };
}

/** One line for the run's log: which server, its version, and where it came from. */
export function describeRedisServer(host: Host, server: RedisServer): string {
  const version = host.run(server.path, ['--version']);
  const name = version.ok ? version.output.trim().split('\n')[0] : 'redis-server';
  return `Redis: ${name} at ${server.path} (${server.source})`;
}
