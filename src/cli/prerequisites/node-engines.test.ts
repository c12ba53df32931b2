import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface Lock {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
}
const own = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lock;

describe('the Node.js the README names', () => {
  const minimum = semver.minVersion(own.engines.node)!.version;

  it('is the one package.json declares, and this run is on it or later', () => {
    expect(minimum).toBe('20.19.0');
    expect(semver.gte(process.version, minimum)).toBe(true);
  });

  it('is enough for every installed package, so `npm install` prints no engine warning', () => {
    const wanting = Object.entries(lock.packages)
      .filter(([name]) => name !== '')
      .flatMap(([name, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range && !semver.satisfies(minimum, range) ? [`${name} wants node ${range}`] : [];
      });
    expect(wanting).toEqual([]);
  });
});
