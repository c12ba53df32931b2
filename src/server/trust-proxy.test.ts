import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { proxyOver, type ProxyOver } from './test-support/proxy-over.ts';
import { ScriptedZoho } from './test-support/scripted-zoho.ts';

describe('TRUST_PROXY', () => {
  it('believes no proxy unless told', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
  });

  it('takes true, a hop count, or addresses and CIDR ranges', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
    ]);
  });

  it.each(['yes', 'balancer.internal', '10.0.0.0/33', '10.0.0/8', '::1/129', '1.2.3.4/8/8', ','])(
    'refuses %s, naming the variable and what it takes',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: must be false, true/);
    },
  );
});

/**
 * The rate limit counts a signed-out visitor by address: by default the peer's own (a forged
 * X-Forwarded-For changes nothing); behind a trusted proxy, the address it forwarded.
 */
describe('the client address the rate limit counts by', () => {
  let zoho: ScriptedZoho;
  let proxy: ProxyOver;
  afterEach(async () => {
    await proxy?.close();
    await zoho?.close();
  });

  /** Two visitors, as X-Forwarded-For names them, each asking three times (the limit is 2). */
  async function statusesOfTwoVisitors(): Promise<Record<string, number[]>> {
    const out: Record<string, number[]> = {};
    for (const visitor of ['203.0.113.7', '198.51.100.23']) {
      out[visitor] = [];
      for (let i = 0; i < 3; i++) {
        const r = await proxy.app.inject({
          url: '/api/session',
          remoteAddress: '10.1.2.3',
          headers: { 'x-forwarded-for': visitor },
        });
        out[visitor].push(r.statusCode);
      }
    }
    return out;
  }

  const start = async (trustProxy?: boolean | number | string[]) => {
    zoho = await new ScriptedZoho().start();
    proxy = await proxyOver(zoho, {
      signIn: true,
      app: { rateLimitPerMinute: 2, ...(trustProxy === undefined ? {} : { trustProxy }) },
    });
  };

  it('ignores X-Forwarded-For by default: every visitor behind one address shares its count', async () => {
    await start();
    expect(await statusesOfTwoVisitors()).toEqual({
      '203.0.113.7': [200, 200, 429],
      '198.51.100.23': [429, 429, 429],
    });
  });

  it('counts each client apart when X-Forwarded-For comes from a trusted proxy', async () => {
    await start(['10.0.0.0/8']);
    expect(await statusesOfTwoVisitors()).toEqual({
      '203.0.113.7': [200, 200, 429],
      '198.51.100.23': [200, 200, 429],
    });
  });

  it('ignores X-Forwarded-For from a peer that is not the trusted proxy', async () => {
    await start(['192.168.0.1']);
    expect(await statusesOfTwoVisitors()).toEqual({
      '203.0.113.7': [200, 200, 429],
      '198.51.100.23': [429, 429, 429],
    });
  });

  it('believes as many hops as it is told, and no more', async () => {
    await start(1);
    // The client forged the first entry; the balancer appended the address it saw.
    const ask = (forged: string) =>
      proxy.app.inject({
        url: '/api/session',
        remoteAddress: '10.1.2.3',
        headers: { 'x-forwarded-for': `${forged}, 203.0.113.7` },
      });
    const statuses = [];
    for (const forged of ['1.1.1.1', '2.2.2.2', '3.3.3.3'])
      statuses.push((await ask(forged)).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
