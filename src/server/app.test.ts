import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, attachmentPageSchema } from '../shared/api-contract.ts';
import { DOC_SAMPLE_RECORD_ID, docSampleAttachmentList } from '../shared/doc-samples.ts';
import { SELF_CLIENT_REFRESH_TOKENS } from '../sandbox/sandbox-client.ts';
import { EMPTY_RECORD_ID } from '../sandbox/seed-ids.ts';
import { loadConfig } from './config.ts';
import { start, type Started } from './start.ts';
import { tempDataDir } from './test-support/temp-data-dir.ts';

let stack: Started;
const api = (path: string) => fetch(`${stack.appUrl}${path}`);

beforeAll(async () => {
  // Service mode against the sandbox: every request acts as Patricia Boyle, no sign-in.
  const config = loadConfig({
    PORT: '0',
    SANDBOX_PORT: '0',
    DATA_DIR: tempDataDir(),
    ZOHO_REFRESH_TOKEN: SELF_CLIENT_REFRESH_TOKENS['Patricia Boyle'],
  });
  stack = await start(config, () => {});
});
afterAll(() => stack.close());

describe('the proxy in service mode in front of the sandbox, over real sockets', () => {
  it("returns a record's attachments as Bigin listed them", async () => {
    const response = await api(
      `/api/records/Contacts/${DOC_SAMPLE_RECORD_ID}/attachments?page=1&per_page=200`,
    );
    expect(response.status).toBe(200);
    expect(attachmentPageSchema.parse(await response.json())).toEqual({
      ...docSampleAttachmentList,
      unreadable: 0,
    });
  });

  it("turns Bigin's 204 into an empty page", async () => {
    const response = await api(
      `/api/records/Contacts/${EMPTY_RECORD_ID}/attachments?page=1&per_page=200`,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: [],
      info: { per_page: 200, count: 0, page: 1, more_records: false },
      unreadable: 0,
    });
  });

  it("passes Bigin's error envelope through intact, with a request id", async () => {
    const response = await api('/api/records/Foo/123/attachments');
    expect(response.status).toBe(400);
    const body = apiErrorSchema.parse(await response.json());
    expect(body).toMatchObject({
      code: 'INVALID_MODULE',
      details: { resource_path_index: 0 },
      message: 'the module name given seems to be invalid',
      status: 'error',
    });
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['a module name with a dot', '/api/records/Con.tacts/1/attachments'],
    ['an encoded path separator', '/api/records/Contacts%2F..%2Fsettings/1/attachments'],
    ['a record id that is not digits', '/api/records/Contacts/12a/attachments'],
    ['a record id of 20 digits', '/api/records/Contacts/12345678901234567890/attachments'],
    ['a page of zero', '/api/records/Contacts/1/attachments?page=0'],
    ['a page size above 200', '/api/records/Contacts/1/attachments?per_page=201'],
  ])('refuses %s before calling Bigin', async (_label, path) => {
    const response = await api(path);
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('PROXY_BAD_REQUEST');
  });

  it('tells the browser the upload limit, so it can check files before sending them', async () => {
    const session = await (await api('/api/session')).json();
    expect(session).toMatchObject({
      signedIn: true,
      mode: 'service',
      maxUploadBytes: 20 * 1024 * 1024,
    });
  });

  it('answers an unknown API route with its own prefixed code', async () => {
    const response = await api('/api/whatever');
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe('PROXY_NOT_FOUND');
  });

  it('sends a strict content security policy and refuses framing', async () => {
    const response = await api(`/api/records/Contacts/${DOC_SAMPLE_RECORD_ID}/attachments`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});
