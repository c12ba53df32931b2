import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import { PRODUCT_RECORD_ID } from './seed.ts';
import { expectBiginError, startSandbox, type RunningSandbox } from './test-harness.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const as = async (user: string, path: string, init: RequestInit = {}) =>
  sandbox.api(path, { ...init, token: await sandbox.token(user) });

describe("the demo users' profiles and consents give Bigin's documented codes", () => {
  it('Patricia Boyle, an administrator, may do everything', async () => {
    expect(
      (await as('Patricia Boyle', `Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`)).status,
    ).toBe(200);
    expect((await as('Patricia Boyle', `Products/${PRODUCT_RECORD_ID}/Attachments`)).status).toBe(
      200,
    );
  });

  it('Sam Rivera may read records but no attachments: NO_PERMISSION naming the permission', async () => {
    expect((await as('Sam Rivera', `Contacts/${DOC_SAMPLE_RECORD_ID}`)).status).toBe(200);
    const envelope = await expectBiginError(
      await as('Sam Rivera', `Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`),
      403,
      'NO_PERMISSION',
      'Permission denied to read attachment details',
    );
    expect(envelope.details.permissions).toEqual(['Crm_Implied_View_Attachments']);
    const form = new FormData();
    form.append('file', new Blob(['x']), 'x.txt');
    await expectBiginError(
      await as('Sam Rivera', `Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`, {
        method: 'POST',
        body: form,
      }),
      403,
      'NO_PERMISSION',
    );
  });

  it("Jordan Lee's token lacks the attachments scope: OAUTH_SCOPE_MISMATCH, records still work", async () => {
    expect((await as('Jordan Lee', `Contacts/${DOC_SAMPLE_RECORD_ID}`)).status).toBe(200);
    expect((await as('Jordan Lee', 'Contacts?per_page=2')).status).toBe(200);
    await expectBiginError(
      await as('Jordan Lee', `Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`),
      401,
      'OAUTH_SCOPE_MISMATCH',
    );
  });

  it('Alex Chen has no privilege for Products: AUTHORIZATION_FAILED there, fine elsewhere', async () => {
    expect((await as('Alex Chen', `Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`)).status).toBe(
      200,
    );
    for (const path of [
      `Products/${PRODUCT_RECORD_ID}/Attachments`,
      `Products/${PRODUCT_RECORD_ID}`,
      'Products',
      `Products/${PRODUCT_RECORD_ID}/photo`,
    ]) {
      await expectBiginError(await as('Alex Chen', path), 400, 'AUTHORIZATION_FAILED');
    }
  });

  it('answers AUTHENTICATION_FAILURE without a Zoho-oauthtoken and INVALID_TOKEN for a stranger', async () => {
    const path = `Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`;
    await expectBiginError(await sandbox.api(path, { token: null }), 401, 'AUTHENTICATION_FAILURE');
    await expectBiginError(
      await sandbox.api(path, { token: '1000.bad.bad' }),
      401,
      'INVALID_TOKEN',
    );
    const bearer = await sandbox.api(path, {
      token: null,
      headers: { Authorization: `Bearer ${await sandbox.token()}` },
    });
    await expectBiginError(bearer, 401, 'AUTHENTICATION_FAILURE');
  });
});
