import { describe, expect, it } from 'vitest';
import { listeningUrl } from './listening-url.ts';

describe('listeningUrl', () => {
  it('gives the address a browser can open', () => {
    expect(listeningUrl({ address: '127.0.0.1', family: 'IPv4', port: 8090 })).toBe(
      'http://127.0.0.1:8090',
    );
    expect(listeningUrl({ address: '::1', family: 'IPv6', port: 8090 })).toBe('http://[::1]:8090');
  });

  it('reaches a wildcard listen address through the loopback', () => {
    expect(listeningUrl({ address: '0.0.0.0', family: 'IPv4', port: 80 })).toBe(
      'http://127.0.0.1:80',
    );
    expect(listeningUrl({ address: '::', family: 'IPv6', port: 80 })).toBe('http://127.0.0.1:80');
  });

  it('has none for a server that is not on a socket', () => {
    expect(listeningUrl(null)).toBeUndefined();
    expect(listeningUrl('/tmp/socket')).toBeUndefined();
  });
});
