import type { FastifyRequest } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { makePng } from '../../sandbox/file-bytes.ts';
import { callerOf } from '../routes/bigin-caller.ts';
import type { SessionStore } from '../session/session-store.ts';
import { Sealer } from '../state/sealed.ts';
import type { BiginClient, CallerContext, TokenSource } from '../zoho/bigin-client.ts';
import { PreviewLinks } from './preview-links.ts';
import { buildPreviewServer } from './preview-server.ts';

const SECRET = 'preview-caller-test-secret-0123456789abcdef';
const links = new PreviewLinks([SECRET], new Sealer([SECRET]));
const png = makePng(2_000, 1, [8, 8]);

/** Bigin, as far as a preview goes: every call's caller is noted, and a PNG answered. */
const calls: (CallerContext | undefined)[] = [];
const bigin = {
  exchange: async (
    tokens: TokenSource & { call?: CallerContext },
    _request: unknown,
    read: (response: Response) => Promise<unknown>,
  ) => {
    calls.push(tokens.call);
    return read(
      new Response(new Uint8Array(png), {
        headers: { 'Content-Type': 'image/png', 'Content-Disposition': 'inline; filename="a.png"' },
      }),
    );
  },
} as unknown as BiginClient;
const tokens = { isRevoked: false } as unknown as TokenSource;
const sessions = {
  get: async (id: string) => (id === 'the-session-id' ? { id, tokens } : undefined),
} as unknown as SessionStore;

const logLines: string[] = [];
const server = await buildPreviewServer({
  links,
  bigin,
  sessions,
  appOrigin: () => 'http://app.test',
  logger: { stream: { write: (line) => void logLines.push(line) } },
});
afterAll(() => server.close());

describe('a preview among Bigin’s calls', () => {
  it('counts against its session’s fair share, under the key the app gives that session', async () => {
    const { token } = links.mint(
      { module: 'Contacts', recordId: '1000000231009', attachmentId: '4150868000004100001' },
      { kind: 'session', sessionId: 'the-session-id' },
      [],
    );
    const answer = await server.inject(`/preview/${token}`);
    expect(answer.statusCode).toBe(200);
    expect(answer.rawPayload.equals(png)).toBe(true);
    const onTheApp = callerOf({
      embedGrant: null,
      session: { id: 'the-session-id' },
      ip: '203.0.113.9',
    } as unknown as FastifyRequest);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.caller).toBe(onTheApp.caller);
  });

  it('logs one line per preview, by the route’s pattern: never the link', async () => {
    const { token } = links.mint(
      { module: 'Contacts', recordId: '1000000231009', attachmentId: '4150868000004100001' },
      { kind: 'session', sessionId: 'gone' },
      [],
    );
    logLines.length = 0;
    expect((await server.inject(`/preview/${token}`)).statusCode).toBe(401);
    const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ route: '/preview/:token', status: 401, code: 'PROXY_SIGNED_OUT' }),
    );
    expect(logLines.join('\n')).not.toContain(token.split('.')[1]!);
  });
});
