import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../../sandbox/file-bytes.ts';
import { DOC_REQUEST_RECORD_ID, EMPTY_RECORD_ID } from '../../sandbox/seed-ids.ts';
import { apiPaths, UPLOAD_SIZE_FIELD } from '../../shared/api-contract.ts';
import { embedPaths } from '../../shared/embed-contract.ts';
import { loadConfig } from '../config.ts';
import { start, type Started } from '../start.ts';
import { TestBrowser } from '../test-support/browser.ts';
import { readZip } from '../test-support/read-zip.ts';
import { signInAtSandbox } from '../test-support/sandbox-sign-in.ts';
import { tempDataDir } from '../test-support/temp-data-dir.ts';
import { nonceHashOf } from './frame-tokens.ts';

const PNG_ID = '4150868000004100001';
const PDF_ID = '4150868000004100002';
const TEXT_ID = '4150868000004100003';

let stack: Started;
beforeAll(async () => {
  stack = await start(
    loadConfig({ PORT: '0', SANDBOX_PORT: '0', DATA_DIR: tempDataDir() }),
    () => {},
  );
});
afterAll(() => stack.close());

/**
 * A frame signed in as `user` through the sandbox's consent page, in a window of its own; what it
 * sends as the frame does: its token as a bearer, and on writes the origin a browser names.
 */
async function signedInFrame(user: string) {
  const window = new TestBrowser(stack.appUrl);
  const nonce = `${user.replace(' ', '-')}-nonce-0123456789abcdefghijklmnop`;
  const back = await signInAtSandbox(window, user, embedPaths.frameSignIn(nonceHashOf(nonce)));
  const page = await (await window.fetch(back.headers.get('location')!)).text();
  const code = /data-code="([^"]+)"/.exec(page)![1]!;
  const answer = await fetch(`${stack.appUrl}${embedPaths.frameToken()}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: stack.appUrl },
    body: JSON.stringify({ code, nonce }),
  });
  expect(answer.status).toBe(200);
  const { token } = (await answer.json()) as { token: string };
  const send = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.appUrl}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.method && init.method !== 'GET'
          ? { Origin: stack.appUrl, 'Sec-Fetch-Site': 'same-origin' }
          : {}),
        ...init.headers,
      },
    });
  /** What the browser fetches by itself (an image, a preview, a download): no header, the query. */
  const navigate = (path: string) => fetch(`${stack.appUrl}${path}?embed_token=${token}`);
  return { send, navigate };
}

const idsOn = async (send: (path: string) => Promise<Response>, recordId: string) => {
  const page = await send(apiPaths.attachments('Contacts', recordId, 1, 200));
  expect(page.status).toBe(200);
  return ((await page.json()) as { data: { id: string; File_Name: string }[] }).data;
};

describe('every feature of the widget with a frame token, in front of the sandbox', () => {
  it('as Patricia Boyle: list, preview, thumbnail, download and ZIP', async () => {
    const { send, navigate } = await signedInFrame('Patricia Boyle');
    expect((await idsOn(send, DOC_REQUEST_RECORD_ID)).map((row) => row.id).sort()).toEqual([
      PNG_ID,
      PDF_ID,
      TEXT_ID,
    ]);
    const thumbnail = await navigate(apiPaths.preview('Contacts', DOC_REQUEST_RECORD_ID, PNG_ID));
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/png');
    const preview = await navigate(apiPaths.preview('Contacts', DOC_REQUEST_RECORD_ID, PDF_ID));
    expect(preview.headers.get('content-type')).toBe('application/pdf');
    const download = await navigate(apiPaths.download('Contacts', DOC_REQUEST_RECORD_ID, TEXT_ID));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;.*Call notes\.txt/);

    const zip = await send(apiPaths.zip('Contacts', DOC_REQUEST_RECORD_ID), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ids: [PNG_ID, TEXT_ID] }),
    });
    expect(zip.status).toBe(200);
    const names = readZip(new Uint8Array(await zip.arrayBuffer())).map((entry) => entry.name);
    expect(names.sort()).toEqual(['Business card.png', 'Call notes.txt']);
  });

  it('as Patricia Boyle: upload, link, delete, and the record’s photo', async () => {
    const { send } = await signedInFrame('Patricia Boyle');
    const upload = apiPaths.upload('Contacts', EMPTY_RECORD_ID);
    const form = new FormData();
    const bytes = new TextEncoder().encode('from the frame\n');
    form.set(UPLOAD_SIZE_FIELD, String(bytes.length));
    form.set('file', new Blob([bytes], { type: 'text/plain' }), 'from-the-frame.txt');
    expect((await send(upload, { method: 'POST', body: form })).status).toBe(200);
    const linked = await send(upload, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ attachmentUrl: 'https://example.com/brief', title: 'Brief' }),
    });
    expect(linked.status).toBe(200);
    const rows = await idsOn(send, EMPTY_RECORD_ID);
    expect(rows.map((row) => row.File_Name).sort()).toEqual(['Brief', 'from-the-frame.txt']);
    for (const row of rows) {
      const gone = await send(apiPaths.deleteAttachment('Contacts', EMPTY_RECORD_ID, row.id), {
        method: 'DELETE',
      });
      expect(gone.status).toBe(200);
    }
    expect(await idsOn(send, EMPTY_RECORD_ID)).toEqual([]);

    const photo = apiPaths.photo('Contacts', EMPTY_RECORD_ID);
    const png = makePng(20_000, 5);
    const photoForm = new FormData();
    photoForm.set(UPLOAD_SIZE_FIELD, String(png.length));
    photoForm.set(
      'file',
      new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
      'me.png',
    );
    expect((await send(photo, { method: 'POST', body: photoForm })).status).toBe(200);
    expect((await send(photo)).headers.get('content-type')).toBe('image/png');
    expect((await send(photo, { method: 'DELETE' })).status).toBe(200);
  });

  it('as Sam Rivera: Bigin’s own refusal for his profile, not the service user’s rights', async () => {
    const { send } = await signedInFrame('Sam Rivera');
    const page = await send(apiPaths.attachments('Contacts', DOC_REQUEST_RECORD_ID, 1, 200));
    expect(page.status).toBe(403);
    expect(await page.json()).toMatchObject({ code: 'NO_PERMISSION' });
    const session = (await (await send(apiPaths.session())).json()) as { user: { name: string } };
    expect(session.user.name).toBe('Sam Rivera');
  });
});
