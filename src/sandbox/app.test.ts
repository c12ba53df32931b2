import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentListSchema } from '../shared/bigin-attachment.ts';
import { biginErrorSchema } from '../shared/bigin-error.ts';
import { DOC_SAMPLE_RECORD_ID, docSampleAttachmentList } from '../shared/doc-samples.ts';
import { buildSandbox } from './app.ts';
import { SANDBOX_CLIENT, SELF_CLIENT_REFRESH_TOKENS } from './sandbox-client.ts';
import { EMPTY_RECORD_ID } from './seed.ts';

let sandbox: FastifyInstance;
let base: string;
let token: string;

async function accessToken(): Promise<{
  access_token: string;
  api_domain: string;
  expires_in: number;
}> {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: SANDBOX_CLIENT.id,
    client_secret: SANDBOX_CLIENT.secret,
    refresh_token: SELF_CLIENT_REFRESH_TOKENS['Patricia Boyle']!,
  });
  const response = await fetch(`${base}/oauth/v2/token`, { method: 'POST', body });
  return response.json();
}

const get = (path: string, auth: string | null = `Zoho-oauthtoken ${token}`) =>
  fetch(`${base}/bigin/v1/${path}`, { headers: auth ? { Authorization: auth } : {} });

async function expectBiginError(
  response: Response,
  status: number,
  code: string,
  message?: string,
) {
  expect(response.status).toBe(status);
  const envelope = biginErrorSchema.parse(await response.json());
  expect(envelope.code).toBe(code);
  if (message) expect(envelope.message).toBe(message);
  return envelope;
}

beforeAll(async () => {
  sandbox = await buildSandbox();
  base = await sandbox.listen({ host: '127.0.0.1', port: 0 });
  token = (await accessToken()).access_token;
});
afterAll(() => sandbox.close());

describe('the sandbox, over a real socket', () => {
  it('issues an access token for a self-client refresh token, with its own address as api_domain', async () => {
    const answer = await accessToken();
    expect(answer.access_token).toMatch(/^1000\.[0-9a-f]+\.[0-9a-f]+$/);
    expect(answer.expires_in).toBe(3600);
    expect(answer.api_domain).toBe(base);
  });

  it('refuses a wrong client secret as Zoho does: HTTP 200 with an error field', async () => {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: SANDBOX_CLIENT.id,
      client_secret: 'nope',
      refresh_token: 'x',
    });
    const response = await fetch(`${base}/oauth/v2/token`, { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ error: 'invalid_client' });
  });

  it("lists the documentation's sample attachment field for field", async () => {
    const response = await get(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual(docSampleAttachmentList);
    expect(attachmentListSchema.parse(body).data).toHaveLength(1);
  });

  it('answers 204 with an empty body for a record without attachments', async () => {
    const response = await get(`Contacts/${EMPTY_RECORD_ID}/Attachments`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('answers INVALID_MODULE for an unknown module and for one the API does not support', async () => {
    const unknown = await expectBiginError(
      await get('Foo/123/Attachments'),
      400,
      'INVALID_MODULE',
      'the module name given seems to be invalid',
    );
    expect(unknown.details).toEqual({ resource_path_index: 0 });
    await expectBiginError(
      await get('Leads/123/Attachments'),
      400,
      'INVALID_MODULE',
      'The given module is not supported in API',
    );
  });

  it('answers INVALID_DATA for an unknown record', async () => {
    const envelope = await expectBiginError(
      await get('Contacts/999/Attachments'),
      400,
      'INVALID_DATA',
    );
    expect(envelope.details).toEqual({ resource_path_index: 1 });
  });

  it('answers INVALID_URL_PATTERN for a path that matches no endpoint', async () => {
    await expectBiginError(await get('Contacts/123/Nothing/here'), 404, 'INVALID_URL_PATTERN');
  });

  it('answers AUTHENTICATION_FAILURE without a token and INVALID_TOKEN for an unknown one', async () => {
    await expectBiginError(
      await get(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`, null),
      401,
      'AUTHENTICATION_FAILURE',
    );
    await expectBiginError(
      await get(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`, 'Zoho-oauthtoken 1000.bad.bad'),
      401,
      'INVALID_TOKEN',
    );
    await expectBiginError(
      await get(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`, `Bearer ${token}`),
      401,
      'AUTHENTICATION_FAILURE',
    );
  });

  it('refuses per_page above 200', async () => {
    await expectBiginError(
      await get(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments?per_page=201`),
      400,
      'INVALID_DATA',
    );
  });
});

describe('access tokens', () => {
  it('expire after their lifetime and then get INVALID_TOKEN', async () => {
    let clock = Date.now();
    const shortLived = await buildSandbox({ accessTokenTtlMs: 50, now: () => clock });
    const url = await shortLived.listen({ host: '127.0.0.1', port: 0 });
    try {
      const body = new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: SANDBOX_CLIENT.id,
        client_secret: SANDBOX_CLIENT.secret,
        refresh_token: SELF_CLIENT_REFRESH_TOKENS['Patricia Boyle']!,
      });
      const { access_token } = await (
        await fetch(`${url}/oauth/v2/token`, { method: 'POST', body })
      ).json();
      const path = `${url}/bigin/v1/Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`;
      const headers = { Authorization: `Zoho-oauthtoken ${access_token}` };
      expect((await fetch(path, { headers })).status).toBe(200);
      clock += 49;
      expect((await fetch(path, { headers })).status).toBe(200);
      clock += 2;
      await expectBiginError(await fetch(path, { headers }), 401, 'INVALID_TOKEN');
    } finally {
      await shortLived.close();
    }
  });
});
