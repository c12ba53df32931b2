import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  /** The request target exactly as it arrived on the wire. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

export type Script = (call: RecordedCall, n: number) => ScriptedAnswer | Promise<ScriptedAnswer>;

/**
 * A stand-in for Zoho Accounts and Bigin whose answers each test scripts, recording every call
 * as it arrived on the wire. Tokens: `POST /oauth/v2/token` issues `at-1`, `at-2`, ... valid
 * until `revokeAccess()`; Bigin calls go to `bigin`, numbered from 1.
 */
export class ScriptedZoho {
  readonly calls: RecordedCall[] = [];
  tokenAnswer: (call: RecordedCall) => unknown = () => this.issueToken();
  bigin: Script = () => ({ status: 200, body: { data: [], info: { more_records: false } } });
  /** `POST /oauth/v2/token/revoke`: Zoho's documented success unless a test says otherwise. */
  revokeAnswer: Script = () => ({ status: 200, body: { status: 'success' } });
  /** `GET /oauth/user/info`: a user with a name and an email unless a test says otherwise. */
  userInfoAnswer: Script = () => ({
    status: 200,
    body: {
      First_Name: 'Ada',
      Last_Name: 'Lovelace',
      Display_Name: 'Ada Lovelace',
      Email: 'ada@zylker.example',
      ZUID: 60000000001,
    },
  });
  apiDomainOverride: string | undefined;
  /** Milliseconds a Bigin call's body is left unread before it is read (a slow Bigin). */
  holdBodyMs = 0;
  private server: Server | undefined;
  private issued = 0;
  private biginCalls = 0;

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get tokenCalls(): RecordedCall[] {
    return this.calls.filter(
      (c) => c.url.startsWith('/oauth/v2/token') && !c.url.includes('revoke'),
    );
  }

  /** The refresh tokens revoked so far (`?token=` of each revoke call), in order. */
  get revokedTokens(): string[] {
    return this.calls
      .filter((c) => c.url.startsWith('/oauth/v2/token/revoke'))
      .map((c) => new URL(c.url, 'http://x').searchParams.get('token') ?? '');
  }

  get userInfoCalls(): RecordedCall[] {
    return this.calls.filter((c) => c.url.startsWith('/oauth/user/info'));
  }

  get biginCallList(): RecordedCall[] {
    return this.calls.filter((c) => c.url.startsWith('/bigin/'));
  }

  issueToken(extra: Record<string, unknown> = {}) {
    this.issued += 1;
    return {
      access_token: `at-${this.issued}`,
      api_domain: this.apiDomainOverride ?? this.url,
      token_type: 'Bearer',
      expires_in: 3600,
      ...extra,
    };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      if (this.holdBodyMs && req.url?.startsWith('/bigin/')) {
        req.pause();
        setTimeout(() => req.resume(), this.holdBodyMs);
      }
      req.on('end', () => {
        const call: RecordedCall = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.calls.push(call);
        void this.answer(call).then((a) => {
          const send = () => {
            res.writeHead(a.status, {
              ...(a.body === undefined ? {} : { 'Content-Type': 'application/json' }),
              ...a.headers,
            });
            res.end(a.body === undefined ? undefined : JSON.stringify(a.body));
          };
          if (a.delayMs) setTimeout(send, a.delayMs);
          else send();
        });
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  private async answer(call: RecordedCall): Promise<ScriptedAnswer> {
    if (call.method === 'POST' && call.url.startsWith('/oauth/v2/token/revoke')) {
      return this.revokeAnswer(call, 0);
    }
    if (call.method === 'POST' && call.url.startsWith('/oauth/v2/token')) {
      return { status: 200, body: this.tokenAnswer(call) };
    }
    if (call.method === 'GET' && call.url.startsWith('/oauth/user/info')) {
      return this.userInfoAnswer(call, 0);
    }
    this.biginCalls += 1;
    return this.bigin(call, this.biginCalls);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
