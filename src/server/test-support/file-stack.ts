import { createHash } from 'node:crypto';
import { mintSandboxToken } from '../../cli/sandbox-token.ts';
import type { FaultInput } from '../../sandbox/faults.ts';
import { SELF_CLIENT_REFRESH_TOKENS } from '../../sandbox/sandbox-client.ts';
import { loadConfig } from '../config.ts';
import { start, type Started } from '../start.ts';
import { sendStreamed, type SendStreamed } from '../zoho/streamed-request.ts';
import { TestBrowser } from './browser.ts';
import { tempDataDir } from './temp-data-dir.ts';

/** Bigin calls as the proxy made them, with how many were in flight at once at most. */
export class CallRecorder {
  readonly calls: { method: string; path: string }[] = [];
  inFlight = 0;
  maxInFlight = 0;

  /** A fetch that records Bigin calls; a call is in flight until its answer's body is done. */
  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.pathname.startsWith('/bigin/')) return fetch(input, init);
    this.calls.push({ method: init?.method ?? 'GET', path: url.pathname });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let ended = false;
    const end = () => {
      if (!ended) this.inFlight -= 1;
      ended = true;
    };
    try {
      const response = await fetch(input, init);
      if (!response.body || response.status === 204) {
        end();
        return response;
      }
      const reader = response.body.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const { done, value } = await reader.read();
            if (done) {
              end();
              controller.close();
            } else controller.enqueue(value);
          } catch (error) {
            end();
            controller.error(error);
          }
        },
        cancel(reason) {
          end();
          return reader.cancel(reason);
        },
      });
      return new Response(body, response);
    } catch (error) {
      end();
      throw error;
    }
  };

  /** Streamed uploads, recorded alike. */
  readonly sendStreamed: SendStreamed = (url, init) => {
    this.calls.push({ method: init.method, path: url.pathname });
    return sendStreamed(url, init);
  };

  callsTo(method: string, pathPart: string) {
    return this.calls.filter((c) => c.method === method && c.path.includes(pathPart));
  }
}

export interface FileStack {
  stack: Started;
  browser: TestBrowser;
  recorder: CallRecorder;
  /** An access token for the same user, to call the sandbox directly. */
  directToken: () => Promise<string>;
  fault: (fault: FaultInput) => Promise<string>;
  clearFaults: () => Promise<void>;
  close: () => Promise<void>;
}

/** The proxy in service mode in front of its own sandbox (control routes on), over real sockets. */
export async function fileStack(
  user = 'Patricia Boyle',
  env: Record<string, string> = {},
): Promise<FileStack> {
  const recorder = new CallRecorder();
  const config = loadConfig({
    PORT: '0',
    SANDBOX_PORT: '0',
    DATA_DIR: tempDataDir(),
    SANDBOX_CONTROL_ROUTES: 'true',
    ZOHO_REFRESH_TOKEN: SELF_CLIENT_REFRESH_TOKENS[user]!,
    ...env,
  });
  const stack = await start(config, () => {}, {
    fetch: recorder.fetch,
    sendStreamed: recorder.sendStreamed,
  });
  let token: string | undefined;
  const control = (path: string, method: string, body?: unknown) =>
    fetch(`${stack.sandboxUrl}/__sandbox/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  return {
    stack,
    browser: new TestBrowser(stack.appUrl),
    recorder,
    directToken: async () => (token ??= await mintSandboxToken(stack.sandboxUrl!, user)),
    fault: async (fault) =>
      ((await (await control('faults', 'POST', fault)).json()) as { id: string }).id,
    clearFaults: async () => void (await control('faults', 'DELETE')),
    close: () => stack.close(),
  };
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
