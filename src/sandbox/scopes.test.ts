import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeResultSchema } from '../shared/bigin-write.ts';
import { DOC_SAMPLE_ATTACHMENT_ID, DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import { expectBiginError, startSandbox, type RunningSandbox } from './test-harness.ts';

/**
 * Contract tests of Bigin's scopes, over real sockets: each attachment call needs a scope on the
 * module AND one on attachments (Bigin's v2 get-attachments, upload-attachment,
 * download-attachments and delete-attachments pages list the pairs).
 */
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const RECORD = `Contacts/${DOC_SAMPLE_RECORD_ID}`;
const LIST = `${RECORD}/Attachments`;
const DOWNLOAD = `${LIST}/${DOC_SAMPLE_ATTACHMENT_ID}`;

const uploadWith = (token: string) => {
  const form = new FormData();
  form.append('file', new Blob(['scoped']), 'scoped.txt');
  return sandbox.api(LIST, { method: 'POST', body: form, token });
};

/** A fresh attachment (uploaded with every scope), for a delete to try. */
async function freshAttachment(): Promise<string> {
  const all = await sandbox.tokenWithScopes([
    'ZohoBigin.modules.ALL',
    'ZohoBigin.modules.attachments.ALL',
  ]);
  const answer = writeResultSchema.parse(await (await uploadWith(all)).json());
  return String(answer.data[0]!.details.id);
}

const deleteWith = async (token: string) =>
  sandbox.api(`${LIST}/${await freshAttachment()}`, { method: 'DELETE', token });

describe('attachment calls need the module scope and the attachments scope', () => {
  it('refuses every attachment call to ZohoBigin.modules.ALL alone: OAUTH_SCOPE_MISMATCH 401', async () => {
    const token = await sandbox.tokenWithScopes(['ZohoBigin.modules.ALL']);
    // The record itself is open to it.
    expect((await sandbox.api(RECORD, { token })).status).toBe(200);
    for (const answer of [
      await sandbox.api(LIST, { token }),
      await sandbox.api(DOWNLOAD, { token }),
      await uploadWith(token),
      await deleteWith(token),
    ]) {
      await expectBiginError(answer, 401, 'OAUTH_SCOPE_MISMATCH', 'Unauthorized');
    }
  });

  it('refuses the attachments scope without a scope on the module', async () => {
    const token = await sandbox.tokenWithScopes(['ZohoBigin.modules.attachments.ALL']);
    await expectBiginError(await sandbox.api(LIST, { token }), 401, 'OAUTH_SCOPE_MISMATCH');
    await expectBiginError(await uploadWith(token), 401, 'OAUTH_SCOPE_MISMATCH');
  });

  it.each([
    [['ZohoBigin.modules.ALL', 'ZohoBigin.modules.attachments.READ']],
    [['ZohoBigin.modules.contacts.READ', 'ZohoBigin.modules.attachments.ALL']],
    [['ZohoBigin.modules.contacts.ALL', 'ZohoBigin.modules.attachments.READ']],
  ])('lists and downloads with %j, and writes nothing', async (scopes) => {
    const token = await sandbox.tokenWithScopes(scopes);
    expect((await sandbox.api(LIST, { token })).status).toBe(200);
    expect((await sandbox.api(DOWNLOAD, { token })).status).toBe(200);
    await expectBiginError(await uploadWith(token), 401, 'OAUTH_SCOPE_MISMATCH');
    await expectBiginError(await deleteWith(token), 401, 'OAUTH_SCOPE_MISMATCH');
  });

  it.each([
    [['ZohoBigin.modules.ALL', 'ZohoBigin.modules.attachments.WRITE']],
    [['ZohoBigin.modules.ALL', 'ZohoBigin.modules.attachments.CREATE']],
    [['ZohoBigin.modules.contacts.CREATE', 'ZohoBigin.modules.attachments.WRITE']],
    [['ZohoBigin.modules.contacts.WRITE', 'ZohoBigin.modules.attachments.CREATE']],
  ])('uploads with %j, and lists nothing', async (scopes) => {
    const token = await sandbox.tokenWithScopes(scopes);
    const uploaded = await uploadWith(token);
    expect(uploaded.status).toBe(200);
    expect(writeResultSchema.parse(await uploaded.json()).data[0]!.code).toBe('SUCCESS');
    await expectBiginError(await sandbox.api(LIST, { token }), 401, 'OAUTH_SCOPE_MISMATCH');
  });

  it('refuses an upload when the module scope only reads', async () => {
    const token = await sandbox.tokenWithScopes([
      'ZohoBigin.modules.contacts.READ',
      'ZohoBigin.modules.attachments.WRITE',
    ]);
    await expectBiginError(await uploadWith(token), 401, 'OAUTH_SCOPE_MISMATCH');
  });

  it.each([
    [['ZohoBigin.modules.ALL', 'ZohoBigin.modules.attachments.DELETE']],
    [['ZohoBigin.modules.contacts.DELETE', 'ZohoBigin.modules.attachments.DELETE']],
    [['ZohoBigin.modules.contacts.ALL', 'ZohoBigin.modules.attachments.ALL']],
  ])('deletes with %j', async (scopes) => {
    const token = await sandbox.tokenWithScopes(scopes);
    const deleted = await deleteWith(token);
    expect(deleted.status).toBe(200);
    expect(writeResultSchema.parse(await deleted.json()).data[0]!.status).toBe('success');
  });

  it('refuses a delete whose scopes are on another module or another operation', async () => {
    for (const scopes of [
      ['ZohoBigin.modules.deals.ALL', 'ZohoBigin.modules.attachments.ALL'],
      ['ZohoBigin.modules.contacts.READ', 'ZohoBigin.modules.attachments.DELETE'],
      ['ZohoBigin.modules.contacts.DELETE', 'ZohoBigin.modules.attachments.WRITE'],
    ]) {
      const token = await sandbox.tokenWithScopes(scopes);
      await expectBiginError(await deleteWith(token), 401, 'OAUTH_SCOPE_MISMATCH');
    }
  });
});
