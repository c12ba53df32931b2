import type { APIRequestContext, Page } from '@playwright/test';
import { mintSandboxToken } from '../../src/cli/sandbox-token.ts';
import { UPLOAD_SIZE_FIELD } from '../../src/shared/api-contract.ts';
import { SANDBOX_URL } from './sandbox-control.ts';

let token: Promise<string> | undefined;

/** A file's bytes straight from the sandbox, to compare with what the browser saved. */
export async function sandboxBytes(
  request: APIRequestContext,
  module: string,
  recordId: string,
  attachmentId: string,
): Promise<Buffer> {
  // One token per worker: Zoho (and the sandbox) allow few tokens per refresh token.
  token ??= mintSandboxToken(SANDBOX_URL, 'Patricia Boyle');
  const answer = await request.get(
    `${SANDBOX_URL}/bigin/v2/${module}/${recordId}/Attachments/${attachmentId}`,
    { headers: { Authorization: `Zoho-oauthtoken ${await token}` } },
  );
  return answer.body();
}

interface Row {
  id: string;
  File_Name: string;
  Size: string;
}

/** The record's attachments as the app's proxy lists them (first page). */
export async function listed(page: Page, module: string, recordId: string): Promise<Row[]> {
  const answer = await page.request.get(
    `/api/records/${module}/${recordId}/attachments?page=1&per_page=200`,
  );
  return ((await answer.json()) as { data: Row[] }).data;
}

/** A contact of the seed that no other spec looks at, one per use, so tests never collide. */
export async function spareContact(page: Page, index: number): Promise<string> {
  const answer = await page.request.get('/api/records/Contacts');
  const records = ((await answer.json()) as { data: { id: string; name: string }[] }).data;
  // Sorted by id: the list itself is by recent change, and the tests change these records.
  const spare = records
    .filter((r) => !/^4150868000002728|^1000000231009$/.test(r.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  const record = spare[index];
  if (!record) throw new Error(`the seed has no spare contact number ${index}`);
  return record.id;
}

/** Uploads a file through the proxy as the app does (CSRF token, same origin). */
export async function uploadThroughProxy(
  page: Page,
  module: string,
  recordId: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  const { csrfToken } = (await (await page.request.get('/api/session')).json()) as {
    csrfToken: string;
  };
  const origin = new URL(page.url()).origin;
  return page.request.post(`/api/records/${module}/${recordId}/attachments`, {
    headers: { 'X-CSRF-Token': csrfToken, Origin: origin },
    // As the app's form: the file's size first, then the file.
    multipart: { [UPLOAD_SIZE_FIELD]: String(file.buffer.length), file },
  });
}
