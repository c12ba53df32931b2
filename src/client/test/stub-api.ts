import { vi } from 'vitest';

/** What a stubbed route answers: a JSON body (200), or a full Response for anything else. */
export type StubAnswer = unknown | Response | (() => Response | Promise<Response>);

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/** A proxy error envelope, as `apiErrorSchema` describes it. */
export const apiError = (
  status: number,
  code: string,
  message = 'm',
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) => json({ code, details, message, status: 'error', requestId: 'req-42' }, status, headers);

/**
 * Stubs `fetch` with the proxy's answers keyed by path and query (`/api/modules`,
 * `/api/records/Accounts/search?word=zy`); an unknown path answers PROXY_NOT_FOUND. Returns the
 * paths asked for, in order.
 */
export function stubApi(routes: Record<string, StubAnswer>): string[] {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://app.test');
      const key = url.pathname + url.search;
      calls.push(key);
      if (!(key in routes)) return apiError(404, 'PROXY_NOT_FOUND', `no stub for ${key}`);
      const answer = routes[key];
      if (typeof answer === 'function') return (answer as () => Response | Promise<Response>)();
      if (answer instanceof Response) return answer.clone();
      return json(answer);
    }),
  );
  return calls;
}
