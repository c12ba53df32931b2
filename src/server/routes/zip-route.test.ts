import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from '../../shared/content-disposition.ts';
import {
  DOC_REQUEST_RECORD_ID,
  EMPTY_RECORD_ID,
  HOSTILE_NAMES_RECORD_ID,
  THOUSAND_ATTACHMENTS_RECORD_ID,
} from '../../sandbox/seed-ids.ts';
import { fileStack, sha256, type FileStack } from '../test-support/file-stack.ts';
import { readZip } from '../test-support/read-zip.ts';
import { appWrite, csrfTokenOf, uploadFile } from '../test-support/upload-client.ts';

let s: FileStack;
let token: string;
beforeAll(async () => {
  s = await fileStack();
  token = await csrfTokenOf(s.browser);
});
afterAll(() => s.close());

const zipOf = (recordId: string, ids: string[], headers = appWrite(s.browser, token)) =>
  s.browser.fetch(`/api/records/Contacts/${recordId}/attachments/zip`, {
    method: 'POST',
    body: JSON.stringify({ ids }),
    headers: { ...headers, 'content-type': 'application/json' },
  });
const direct = async (recordId: string, id: string) => {
  const r = await fetch(`${s.stack.sandboxUrl}/bigin/v1/Contacts/${recordId}/Attachments/${id}`, {
    headers: { Authorization: `Zoho-oauthtoken ${await s.directToken()}` },
  });
  return {
    name: fileNameFromDisposition(r.headers.get('content-disposition'))!,
    bytes: Buffer.from(await r.arrayBuffer()),
  };
};
const listedIds = async (recordId: string, page = 1) => {
  const r = await s.browser.fetch(
    `/api/records/Contacts/${recordId}/attachments?page=${page}&per_page=200`,
  );
  return ((await r.json()) as { data: { id: string; $type: string }[] }).data;
};

describe('ZIP of chosen attachments', () => {
  it("holds each file's name and bytes as Bigin has them, named after the record", async () => {
    const ids = ['4150868000004100001', '4150868000004100002', '4150868000004100003'];
    const r = await zipOf(DOC_REQUEST_RECORD_ID, ids);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/zip');
    expect(r.headers.get('content-security-policy')).toBe('sandbox');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(fileNameFromDisposition(r.headers.get('content-disposition'))).toBe(
      'Kris Marrier attachments.zip',
    );
    const entries = readZip(new Uint8Array(await r.arrayBuffer()));
    const expected = await Promise.all(ids.map((id) => direct(DOC_REQUEST_RECORD_ID, id)));
    expect(entries.map((e) => e.name)).toEqual(expected.map((e) => e.name));
    expect(entries.map((e) => sha256(e.bytes))).toEqual(expected.map((e) => sha256(e.bytes)));
  });

  it('keeps hostile names inside the folder and tells apart the same name twice', async () => {
    const files = (await listedIds(HOSTILE_NAMES_RECORD_ID)).filter((a) => a.$type !== 'Link URL');
    const r = await zipOf(
      HOSTILE_NAMES_RECORD_ID,
      files.map((f) => f.id),
    );
    const names = readZip(new Uint8Array(await r.arrayBuffer())).map((e) => e.name);
    expect(names).toHaveLength(files.length);
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    for (const name of names) expect(name).not.toMatch(/[/\\\u0000-\u001f]|^\./);
    expect(names).toContain('🚀 Launch plan 📎.pdf');
    expect(names).toContain('_.._windows_system.ini');
  });

  it('makes the same name twice unique within the ZIP', async () => {
    const path = `/api/records/Contacts/${EMPTY_RECORD_ID}/attachments`;
    for (const text of ['first', 'second']) {
      await uploadFile(s.browser, token, path, { name: 'Notes.txt', bytes: Buffer.from(text) });
    }
    const ids = (await listedIds(EMPTY_RECORD_ID)).map((a) => a.id);
    const entries = readZip(
      new Uint8Array(await (await zipOf(EMPTY_RECORD_ID, ids)).arrayBuffer()),
    );
    expect(entries.map((e) => [e.name, e.bytes.toString()])).toEqual([
      ['Notes.txt', 'first'],
      ['Notes (2).txt', 'second'],
    ]);
  });

  it('names a file that failed in NOT-INCLUDED.txt, and the rest still arrive', async () => {
    await s.fault({ kind: 'reset', match: { attachmentId: '4150868000004100002' } });
    try {
      const ids = ['4150868000004100001', '4150868000004100002', '4150868000004100003'];
      const entries = readZip(
        new Uint8Array(await (await zipOf(DOC_REQUEST_RECORD_ID, ids)).arrayBuffer()),
      );
      expect(entries.map((e) => e.name)).toEqual([
        'Business card.png',
        'Call notes.txt',
        'NOT-INCLUDED.txt',
      ]);
      const note = entries[2]!.bytes.toString('utf8');
      expect(note).toContain('Signed NDA.pdf');
      expect(note).toContain('4150868000004100002');
    } finally {
      await s.clearFaults();
    }
  });

  it('names an attachment Bigin no longer has in NOT-INCLUDED.txt, with no empty entry for it', async () => {
    const gone = '4150868000004199999';
    const r = await s.browser.fetch(
      `/api/records/Contacts/${DOC_REQUEST_RECORD_ID}/attachments/zip`,
      {
        method: 'POST',
        body: JSON.stringify({
          ids: ['4150868000004100001', gone, '4150868000004100003'],
          // The names the list showed; Bigin, having deleted it, no longer lists this one.
          names: { [gone]: 'Old quote\r\n- forged line.pdf', '4150868000004100001': 'ignored.png' },
        }),
        headers: { ...appWrite(s.browser, token), 'content-type': 'application/json' },
      },
    );
    expect(r.status).toBe(200);
    const entries = readZip(new Uint8Array(await r.arrayBuffer()));
    expect(entries.map((e) => e.name)).toEqual([
      'Business card.png',
      'Call notes.txt',
      'NOT-INCLUDED.txt',
    ]);
    const lines = entries[2]!.bytes.toString('utf8').split('\r\n');
    expect(lines).toEqual([
      'These attachments are not (or not wholly) in this ZIP:',
      `- Old quote  - forged line.pdf [id ${gone}]: PROXY_ATTACHMENT_GONE: This attachment no longer exists in Bigin: it was deleted or moved`,
      '',
    ]);
  });

  it('says "name unknown" for a gone attachment when nobody names it', async () => {
    const r = await zipOf(DOC_REQUEST_RECORD_ID, ['4150868000004100001', '4150868000004199998']);
    const entries = readZip(new Uint8Array(await r.arrayBuffer()));
    expect(entries.map((e) => e.name)).toEqual(['Business card.png', 'NOT-INCLUDED.txt']);
    expect(entries[1]!.bytes.toString('utf8')).toContain(
      '- (name unknown) [id 4150868000004199998]: PROXY_ATTACHMENT_GONE:',
    );
  });

  it('never has more than 5 downloads from Bigin in flight (40 files)', async () => {
    const ids = (await listedIds(THOUSAND_ATTACHMENTS_RECORD_ID)).slice(0, 40).map((a) => a.id);
    s.recorder.maxInFlight = 0;
    const r = await zipOf(THOUSAND_ATTACHMENTS_RECORD_ID, ids);
    const entries = readZip(new Uint8Array(await r.arrayBuffer()));
    expect(entries).toHaveLength(40);
    expect(s.recorder.maxInFlight).toBeGreaterThan(1);
    expect(s.recorder.maxInFlight).toBeLessThanOrEqual(5);
  });

  it('is refused from another site, and without the CSRF token', async () => {
    const crossSite = await zipOf(DOC_REQUEST_RECORD_ID, ['4150868000004100001'], {
      ...appWrite(s.browser, token),
      Origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    const noToken = await zipOf(DOC_REQUEST_RECORD_ID, ['4150868000004100001'], {
      ...appWrite(s.browser, ''),
    });
    expect(noToken.status).toBe(403);
  });
});
