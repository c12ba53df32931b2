import { describe, expect, it } from 'vitest';
import { AccountsClient } from './accounts-client.ts';
import { TrustedOrigins } from './data-centres.ts';

const CN = 'https://accounts.zoho.com.cn';

/** An AccountsClient whose every call gets `answer`, recording what it was asked. */
function clientAnswering(answer: () => Response | Promise<Response>) {
  const calls: { url: string; method: string }[] = [];
  const accounts = new AccountsClient({
    client: { clientId: 'client-id', clientSecret: 'client-secret' },
    trusted: new TrustedOrigins(),
    fetch: async (input, init) => {
      calls.push({ url: String(input), method: init?.method ?? 'GET' });
      return answer();
    },
  });
  return { accounts, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('AccountsClient.revoke', () => {
  it("POSTs the token to the user's own accounts server, and reads Zoho's success", async () => {
    const { accounts, calls } = clientAnswering(() => json(200, { status: 'success' }));
    expect(await accounts.revoke(CN, '1000.abc.def')).toEqual({ outcome: 'revoked' });
    expect(calls).toEqual([
      { url: `${CN}/oauth/v2/token/revoke?token=1000.abc.def`, method: 'POST' },
    ]);
  });

  it('reads HTTP 400 as a token Zoho no longer knows, whatever its body', async () => {
    for (const body of [{ status: 'failure' }, { error: 'invalid_token' }, 'not json']) {
      const { accounts } = clientAnswering(() => json(400, body));
      expect(await accounts.revoke(CN, 't')).toEqual({ outcome: 'unknown-token' });
    }
    const { accounts } = clientAnswering(() => new Response(null, { status: 400 }));
    expect(await accounts.revoke(CN, 't')).toEqual({ outcome: 'unknown-token' });
  });

  it('calls anything else a failure, with what Zoho said, and never throws', async () => {
    const cases: [() => Response | Promise<Response>, string][] = [
      [() => json(500, {}), 'HTTP 500'],
      [() => json(200, { error: 'Access Denied' }), 'HTTP 200 Access Denied'],
      [() => new Response('', { status: 200 }), 'HTTP 200'],
      [() => Promise.reject(new TypeError('fetch failed')), 'accounts server unreachable'],
    ];
    for (const [answer, problem] of cases) {
      const { accounts } = clientAnswering(answer);
      expect(await accounts.revoke(CN, 't')).toEqual({ outcome: 'failed', problem });
    }
  });
});
