import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from '../../shared/content-disposition.ts';
import {
  DOC_REQUEST_RECORD_ID,
  HOSTILE_NAMES_RECORD_ID,
  LINK_ATTACHMENT_ID,
  LINKS_RECORD_ID,
  SIZES_RECORD_ID,
} from '../../sandbox/seed-ids.ts';
import { fileStack, sha256, type FileStack } from '../test-support/file-stack.ts';

let s: FileStack;
beforeAll(async () => {
  s = await fileStack();
});
afterAll(() => s.close());

const download = (recordId: string, id: string, suffix = '') =>
  fetch(`${s.stack.appUrl}/api/records/Contacts/${recordId}/attachments/${id}${suffix}`);
const direct = async (recordId: string, id: string) =>
  fetch(`${s.stack.sandboxUrl}/bigin/v1/Contacts/${recordId}/Attachments/${id}`, {
    headers: { Authorization: `Zoho-oauthtoken ${await s.directToken()}` },
  });
const bytesOf = async (r: Response) => new Uint8Array(await r.arrayBuffer());

async function listed(recordId: string) {
  const r = await fetch(
    `${s.stack.appUrl}/api/records/Contacts/${recordId}/attachments?page=1&per_page=200`,
  );
  return (
    (await r.json()) as { data: { id: string; File_Name: string; Size: string; $type: string }[] }
  ).data;
}

describe('download through the proxy', () => {
  it.each([
    ['a PNG', DOC_REQUEST_RECORD_ID, '4150868000004100001', 'image/png'],
    ['a PDF', DOC_REQUEST_RECORD_ID, '4150868000004100002', 'application/pdf'],
    ['a text file', DOC_REQUEST_RECORD_ID, '4150868000004100003', 'text/plain; charset=utf-8'],
    ['a 0-byte file', SIZES_RECORD_ID, '4150868000004100501', 'text/plain; charset=utf-8'],
    ['the near-20-MB file', SIZES_RECORD_ID, '4150868000004100504', 'text/csv; charset=utf-8'],
  ])('gives %s byte for byte as Bigin has it', async (_label, recordId, id, type) => {
    const [viaProxy, fromBigin] = await Promise.all([download(recordId, id), direct(recordId, id)]);
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.headers.get('content-type')).toBe(type);
    expect(viaProxy.headers.get('content-length')).toBe(fromBigin.headers.get('content-length'));
    const [a, b] = await Promise.all([bytesOf(viaProxy), bytesOf(fromBigin)]);
    expect(a.length).toBe(b.length);
    expect(sha256(a)).toBe(sha256(b));
  });

  it('answers with the security headers of a file, not of a page', async () => {
    const r = await download(DOC_REQUEST_RECORD_ID, '4150868000004100001');
    await r.arrayBuffer();
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toBe('sandbox');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
  });

  it('names every hostile file exactly, in a header nothing can break out of', async () => {
    const files = (await listed(HOSTILE_NAMES_RECORD_ID)).filter((a) => a.$type !== 'Link URL');
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const r = await download(HOSTILE_NAMES_RECORD_ID, file.id);
      await r.arrayBuffer();
      const header = r.headers.get('content-disposition')!;
      expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[\w%.~-]*$/);
      expect(fileNameFromDisposition(header)).toBe(file.File_Name);
    }
  });

  it("passes Bigin's DOWNLOAD_NOT_ALLOWED through for a link attachment", async () => {
    const r = await download(LINKS_RECORD_ID, LINK_ATTACHMENT_ID);
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ code: 'DOWNLOAD_NOT_ALLOWED', status: 'error' });
  });

  it.each([
    ['an id Bigin does not know', '4150868000004199999', ''],
    ["another record's attachment", '4150868000004100002', ''],
    ['an id Bigin does not know, as a preview or thumbnail', '4150868000004199999', '/preview'],
  ])(
    'answers 404 PROXY_ATTACHMENT_GONE for %s (Bigin: 204), never an empty file',
    async (_label, id, suffix) => {
      // Bigin's own answer: 204, no body.
      expect((await direct(SIZES_RECORD_ID, id)).status).toBe(204);
      const r = await download(SIZES_RECORD_ID, id, suffix);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(r.headers.get('content-disposition')).toBeNull();
      expect(await r.json()).toMatchObject({
        code: 'PROXY_ATTACHMENT_GONE',
        message: 'This attachment no longer exists in Bigin: it was deleted or moved',
        details: { attachment_id: id },
        status: 'error',
      });
    },
  );

  it('answers a gone preview loaded into a frame (a PDF) with a page the frame shows', async () => {
    const r = await fetch(
      `${s.stack.appUrl}/api/records/Contacts/${SIZES_RECORD_ID}/attachments/4150868000004199999/preview`,
      { headers: { 'Sec-Fetch-Dest': 'iframe', Accept: 'text/html' } },
    );
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    // Framed by the app, and by the sandbox's example host that may embed it (sandbox mode).
    expect(r.headers.get('content-security-policy')).toBe(
      `sandbox; frame-ancestors 'self' ${s.stack.sandboxUrl}`,
    );
    expect(r.headers.get('x-frame-options')).toBeNull();
    const page = await r.text();
    expect(page).toContain('<h1>The preview could not be shown</h1>');
    expect(page).toContain('This attachment no longer exists in Bigin');
    expect(page).not.toContain('<script');
  });

  it('stops the call to Bigin when the browser goes away mid-file', async () => {
    const controller = new AbortController();
    const r = await fetch(
      `${s.stack.appUrl}/api/records/Contacts/${SIZES_RECORD_ID}/attachments/4150868000004100504`,
      { signal: controller.signal },
    );
    const reader = r.body!.getReader();
    await reader.read();
    controller.abort();
    await expect.poll(() => s.recorder.inFlight, { timeout: 5000 }).toBe(0);
  });
});

describe('preview', () => {
  it.each([
    ['a PNG', '4150868000004100001', 'image/png', "sandbox; frame-ancestors 'self'"],
    ['text', '4150868000004100003', 'text/plain; charset=utf-8', "sandbox; frame-ancestors 'self'"],
  ])(
    'shows %s inline, sandboxed, framable by the app and its embedding hosts',
    async (_l, id, type, csp) => {
      const [r, fromBigin] = await Promise.all([
        download(DOC_REQUEST_RECORD_ID, id, '/preview'),
        direct(DOC_REQUEST_RECORD_ID, id),
      ]);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe(type);
      // Here the sandbox's example host is the one allowed to embed the app.
      expect(r.headers.get('content-security-policy')).toBe(
        `${csp} ${new URL(s.stack.sandboxUrl!).origin}`,
      );
      expect(r.headers.get('x-frame-options')).toBeNull();
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-disposition')).toMatch(/^inline; /);
      expect(sha256(await bytesOf(r))).toBe(sha256(await bytesOf(fromBigin)));
    },
  );

  it('never shows a PDF inline on the app’s origin: it is a download there (the preview origin shows it)', async () => {
    const r = await download(DOC_REQUEST_RECORD_ID, '4150868000004100002', '/preview');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(r.headers.get('content-security-policy')).toBe('sandbox');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    await r.arrayBuffer();
  });

  it('lets the hosts allowed to embed the app frame a preview too, with or without a link', async () => {
    // A widget inside an allowed host may run on the user's session: its preview has the host as
    // an ancestor, which frame-ancestors must name (and X-Frame-Options cannot).
    const embedded = await fileStack('Patricia Boyle', {
      EMBED_ALLOWED_ORIGINS: 'https://intranet.example.com',
    });
    try {
      const r = await embedded.browser.fetch(
        `/api/records/Contacts/${DOC_REQUEST_RECORD_ID}/attachments/4150868000004100001/preview`,
      );
      expect(r.status).toBe(200);
      expect(r.headers.get('content-security-policy')).toBe(
        "sandbox; frame-ancestors 'self' https://intranet.example.com",
      );
      expect(r.headers.get('x-frame-options')).toBeNull();
      await r.arrayBuffer();
    } finally {
      await embedded.close();
    }
  });

  it('refuses a type it cannot show safely (CSV here), and a link', async () => {
    const csv = await download(SIZES_RECORD_ID, '4150868000004100504', '/preview');
    expect(csv.status).toBe(415);
    expect(await csv.json()).toMatchObject({ code: 'PROXY_PREVIEW_UNSUPPORTED' });
    const link = await download(LINKS_RECORD_ID, LINK_ATTACHMENT_ID, '/preview');
    expect((await link.json()).code).toBe('DOWNLOAD_NOT_ALLOWED');
  });
});
