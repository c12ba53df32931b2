import { describe, expect, it } from 'vitest';
import { fakeHost } from './fake-host.ts';
import { describeRedisServer, getRedisServer } from './redis.ts';

const DEBIAN = ['/etc/debian_version'];

describe('the Redis server the tests start', () => {
  it('takes REDIS_SERVER_PATH first, even when the system has one', () => {
    const { host, commands } = fakeHost({
      env: { REDIS_SERVER_PATH: '/opt/valkey/valkey-server' },
      files: ['/opt/valkey/valkey-server', '/usr/bin/redis-server'],
      onPath: { 'redis-server': '/usr/bin/redis-server' },
    });
    expect(getRedisServer(host)).toEqual({
      path: '/opt/valkey/valkey-server',
      source: 'REDIS_SERVER_PATH',
    });
    expect(commands).toEqual([]);
  });

  it('refuses a REDIS_SERVER_PATH that names no file, instead of taking another server', () => {
    const { host, commands } = fakeHost({
      env: { REDIS_SERVER_PATH: '/opt/missing' },
      files: ['/usr/bin/redis-server', ...DEBIAN],
      onPath: { 'redis-server': '/usr/bin/redis-server' },
    });
    expect(() => getRedisServer(host)).toThrow(
      'REDIS_SERVER_PATH is /opt/missing, and there is no file there',
    );
    expect(commands).toEqual([]);
  });

  it('takes redis-server on PATH next, then the usual places', () => {
    const onPath = fakeHost({ onPath: { 'redis-server': '/home/me/bin/redis-server' } }).host;
    expect(getRedisServer(onPath)).toEqual({
      path: '/home/me/bin/redis-server',
      source: 'redis-server on PATH',
    });
    const usual = fakeHost({ files: ['/usr/bin/redis-server'] }).host;
    expect(getRedisServer(usual).path).toBe('/usr/bin/redis-server');
  });

  it("installs Debian's redis-server as root when none is found, and says so", () => {
    const { host, commands, lines } = fakeHost({
      files: DEBIAN,
      onPath: { 'apt-get': '/usr/bin/apt-get' },
      installs: { 'redis-server': ['/usr/bin/redis-server'] },
    });
    expect(getRedisServer(host)).toEqual({
      path: '/usr/bin/redis-server',
      source: "Debian's redis-server, installed by this run",
    });
    expect(commands).toEqual(['apt-get update -qq', 'apt-get install -y -qq redis-server']);
    expect(lines.join('\n')).toContain("Installing Debian's redis-server");
  });

  it('stops at once with the exact command when it may not install', () => {
    const { host, commands } = fakeHost({
      root: false,
      files: DEBIAN,
      onPath: { 'apt-get': '/usr/bin/apt-get' },
      answer: (command) =>
        command === 'sudo' ? { ok: false, output: 'a password is required' } : undefined,
    });
    expect(() => getRedisServer(host)).toThrow(
      'sudo apt-get update && sudo apt-get install -y redis-server',
    );
    expect(commands).toEqual(['sudo -n true']);
  });

  it('stops with what else would do where it cannot install (not Debian)', () => {
    const { host } = fakeHost({ platform: 'darwin' });
    expect(() => getRedisServer(host)).toThrow(
      /cannot install one on this system.*REDIS_SERVER_PATH/,
    );
  });

  it("names the server's version and where it came from in one line", () => {
    const { host } = fakeHost({
      answer: () => ({
        ok: true,
        output: 'Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64\n',
      }),
    });
    expect(
      describeRedisServer(host, { path: '/usr/bin/redis-server', source: 'redis-server on PATH' }),
    ).toBe(
      'Redis: Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 at /usr/bin/redis-server (redis-server on PATH)',
    );
  });
});
