import type { z } from 'zod';
import { biginErrorSchema } from '../../shared/bigin-error.ts';
import { ApiFailure } from '../api-failure.ts';
import type { TokenManager } from './token-manager.ts';

export interface BiginClientOptions {
  tokens: TokenManager;
  /** Overrides the `api_domain` Zoho returns with the token. */
  apiBase?: string | undefined;
  timeoutMs?: number;
}

/** Calls Bigin's REST API as one Zoho user. It does not know whether Zoho or the sandbox answers. */
export class BiginClient {
  constructor(private readonly options: BiginClientOptions) {}

  /**
   * GETs `path` (under /bigin/v1) and parses the answer with `schema`. Bigin's 204 "no content"
   * comes back as `undefined`.
   */
  async getJson<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
    let token = await this.options.tokens.get();
    let response = await this.send(path, token.token, token.apiDomain);
    if (response.status === 401) {
      const body = await readJson(response);
      if (isInvalidToken(body)) {
        // The token died early (revoked, or Zoho evicted it): fetch another and try once more.
        token = await this.options.tokens.refreshAfterRejection(token.token);
        response = await this.send(path, token.token, token.apiDomain);
      } else {
        throw toFailure(response.status, body);
      }
    }
    if (response.status === 204) return undefined;
    const body = await readJson(response);
    if (!response.ok) throw toFailure(response.status, body);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw ApiFailure.proxy('PROXY_UPSTREAM_INVALID', { issues: parsed.error.issues.slice(0, 5) });
    }
    return parsed.data;
  }

  private async send(path: string, token: string, apiDomain: string): Promise<Response> {
    const url = new URL(`/bigin/v1/${path}`, this.options.apiBase ?? apiDomain);
    try {
      return await fetch(url, {
        headers: { Authorization: `Zoho-oauthtoken ${token}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch {
      throw ApiFailure.proxy('PROXY_UPSTREAM_UNREACHABLE');
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw ApiFailure.proxy('PROXY_UPSTREAM_INVALID', { status: response.status });
  }
}

const isInvalidToken = (body: unknown) =>
  biginErrorSchema.safeParse(body).data?.code === 'INVALID_TOKEN';

function toFailure(status: number, body: unknown): ApiFailure {
  const envelope = biginErrorSchema.safeParse(body);
  if (envelope.success) return ApiFailure.fromBigin(status, envelope.data);
  return ApiFailure.proxy('PROXY_UPSTREAM_INVALID', { status });
}
