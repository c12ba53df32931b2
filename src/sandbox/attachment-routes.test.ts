import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentListSchema } from '../shared/bigin-attachment.ts';
import { writeResultSchema } from '../shared/bigin-write.ts';
import { DOC_SAMPLE_ATTACHMENT_ID, DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import {
  DOC_REQUEST_RECORD_ID,
  EMPTY_RECORD_ID,
  HOSTILE_NAMES_RECORD_ID,
  LINK_ATTACHMENT_ID,
  LINKS_RECORD_ID,
  PDF_ATTACHMENT_ID,
  THOUSAND_ATTACHMENTS_RECORD_ID,
} from './seed.ts';
import { expectBiginError, startSandbox, type RunningSandbox } from './test-harness.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ maxUploadBytes: 64 * 1024 });
});
afterAll(() => sandbox.close());

const list = async (recordId: string, query = '') => {
  const response = await sandbox.api(`Contacts/${recordId}/Attachments${query}`);
  expect(response.status).toBe(200);
  return attachmentListSchema.parse(await response.json());
};

function upload(recordId: string, form: FormData, query = '') {
  return sandbox.api(`Contacts/${recordId}/Attachments${query}`, { method: 'POST', body: form });
}

describe('listing attachments', () => {
  it('pages the 1,000-attachment record into exactly five pages of 200', async () => {
    const pages = [];
    for (let page = 1; page <= 5; page++) {
      pages.push(await list(THOUSAND_ATTACHMENTS_RECORD_ID, `?page=${page}&per_page=200`));
    }
    expect(pages.map((p) => p.info.more_records)).toEqual([true, true, true, true, false]);
    expect(pages.map((p) => p.data.length)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(pages.flatMap((p) => p.data.map((a) => a.id))).size).toBe(1000);
    const sixth = await sandbox.api(
      `Contacts/${THOUSAND_ATTACHMENTS_RECORD_ID}/Attachments?page=6&per_page=200`,
    );
    expect(sixth.status).toBe(204);
  });

  it('answers 204 with no body for a record without attachments', async () => {
    const response = await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/Attachments`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('lists a link as Bigin does: "Link URL", size "0", no file id, the URL set', async () => {
    const { data } = await list(LINKS_RECORD_ID);
    const link = data.find((a) => a.id === LINK_ATTACHMENT_ID)!;
    expect(link).toMatchObject({ $type: 'Link URL', Size: '0', $file_id: null });
    expect(link.$link_url).toMatch(/^https:\/\//);
    expect(data.some((a) => a.$type === 'Attachment' && a.$link_url === null)).toBe(true);
  });

  it('returns only the fields asked for, with the id', async () => {
    const response = await sandbox.api(
      `Contacts/${DOC_REQUEST_RECORD_ID}/Attachments?fields=File_Name`,
    );
    const body = (await response.json()) as { data: object[] };
    expect(Object.keys(body.data[0]!).sort()).toEqual(['File_Name', 'id']);
  });

  it('answers INVALID_DATA for a page that is not a number', async () => {
    await expectBiginError(
      await sandbox.api(`Contacts/${DOC_REQUEST_RECORD_ID}/Attachments?page=0`),
      400,
      'INVALID_DATA',
    );
  });
});

describe('downloading', () => {
  it("serves the documentation sample's 362,207 bytes as a PNG", async () => {
    const response = await sandbox.api(
      `Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments/${DOC_SAMPLE_ATTACHMENT_ID}`,
    );
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''Screen%20Shot%202020-07-21%20at%2011.27.04%20PM.png",
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(362207);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('serves a PDF that starts and ends as a PDF does', async () => {
    const response = await sandbox.api(
      `Contacts/${DOC_REQUEST_RECORD_ID}/Attachments/${PDF_ATTACHMENT_ID}`,
    );
    const text = Buffer.from(await response.arrayBuffer()).toString('latin1');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('names hostile files safely: ASCII fallback plus the exact UTF-8 name', async () => {
    const { data } = await list(HOSTILE_NAMES_RECORD_ID);
    for (const a of data.filter((x) => x.$type === 'Attachment')) {
      const response = await sandbox.api(`Contacts/${HOSTILE_NAMES_RECORD_ID}/Attachments/${a.id}`);
      const header = response.headers.get('content-disposition')!;
      const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
      expect(decodeURIComponent(encoded)).toBe(a.File_Name);
      expect(/filename="([\x20-\x7e]*)"/.exec(header)![1]).not.toMatch(/["\\%]/);
      expect(Buffer.from(await response.arrayBuffer()).length).toBe(Number(a.Size));
    }
  });

  it('refuses to download a link: DOWNLOAD_NOT_ALLOWED', async () => {
    await expectBiginError(
      await sandbox.api(`Contacts/${LINKS_RECORD_ID}/Attachments/${LINK_ATTACHMENT_ID}`),
      400,
      'DOWNLOAD_NOT_ALLOWED',
      'As it is a linked attachment, you can not download it',
    );
  });

  it('answers 204 with no body for an attachment id the record does not have', async () => {
    // CRM's getAttachmentById, which Zoho's SDKs expect: an id known elsewhere, or nowhere.
    for (const id of [PDF_ATTACHMENT_ID, '4150868000009999999']) {
      const response = await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/Attachments/${id}`);
      expect(response.status).toBe(204);
      expect(response.headers.get('content-type')).toBeNull();
      expect(await response.text()).toBe('');
    }
  });

  it('still answers INVALID_DATA for a record that does not exist, and for deleting an unknown id', async () => {
    const envelope = await expectBiginError(
      await sandbox.api(`Contacts/4150868000009999999/Attachments/${PDF_ATTACHMENT_ID}`),
      400,
      'INVALID_DATA',
    );
    expect(envelope.details).toEqual({ resource_path_index: 1 });
    const deleted = await expectBiginError(
      await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/Attachments/${PDF_ATTACHMENT_ID}`, {
        method: 'DELETE',
      }),
      400,
      'INVALID_DATA',
    );
    expect(deleted.details).toEqual({ resource_path_index: 3 });
  });
});

describe('uploading and deleting', () => {
  it('stores an upload: answered SUCCESS, listed last, bytes intact', async () => {
    const form = new FormData();
    const bytes = Buffer.from('héllo, Bigin\n');
    form.append('file', new Blob([bytes]), 'Grüße 2024 ✓.txt');
    const response = await upload(EMPTY_RECORD_ID, form);
    expect(response.status).toBe(200);
    const item = writeResultSchema.parse(await response.json()).data[0]!;
    expect(item).toMatchObject({
      code: 'SUCCESS',
      status: 'success',
      message: 'attachment uploaded successfully',
    });
    const id = item.details.id as string;
    const listed = (await list(EMPTY_RECORD_ID)).data.at(-1)!;
    expect(listed).toMatchObject({ id, File_Name: 'Grüße 2024 ✓.txt', Size: String(bytes.length) });
    const back = await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/Attachments/${id}`);
    expect(Buffer.from(await back.arrayBuffer())).toEqual(bytes);

    const gone = await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/Attachments/${id}`, {
      method: 'DELETE',
    });
    expect(writeResultSchema.parse(await gone.json()).data[0]).toEqual({
      code: 'SUCCESS',
      details: { id },
      message: 'record deleted',
      status: 'success',
    });
    expect((await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/Attachments`)).status).toBe(204);
  });

  it('adds a link from query parameters, once: the same URL again is DUPLICATE_DATA', async () => {
    const query = '?attachmentUrl=https%3A%2F%2Fexample.com%2Fnew&title=New%20link';
    const first = await upload(LINKS_RECORD_ID, new FormData(), query);
    const id = writeResultSchema.parse(await first.json()).data[0]!.details.id;
    const listed = (await list(LINKS_RECORD_ID)).data.find((a) => a.id === id)!;
    expect(listed).toMatchObject({ File_Name: 'New link', $type: 'Link URL', Size: '0' });
    await expectBiginError(
      await upload(LINKS_RECORD_ID, new FormData(), query),
      400,
      'DUPLICATE_DATA',
    );
  });

  it('refuses a file over the limit, a bad link, and a request with neither', async () => {
    const big = new FormData();
    big.append('file', new Blob([Buffer.alloc(64 * 1024 + 1)]), 'big.bin');
    await expectBiginError(
      await upload(EMPTY_RECORD_ID, big),
      413,
      'FILE_SIZE_MORE_THAN_ALLOWED_SIZE',
    );
    const bad = new FormData();
    bad.append('attachmentUrl', 'javascript:alert(1)');
    await expectBiginError(await upload(EMPTY_RECORD_ID, bad), 400, 'INVALID_URL_PATTERN');
    const envelope = await expectBiginError(
      await upload(EMPTY_RECORD_ID, new FormData()),
      400,
      'REQUIRED_PARAM_MISSING',
    );
    expect(envelope.details).toEqual({ param_name: 'file' });
  });

  it('deletes several by ids=, reporting a missing one as an error item in a 200', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x']), 'x.txt');
    const id = writeResultSchema.parse(await (await upload(EMPTY_RECORD_ID, form)).json()).data[0]!
      .details.id as string;
    const response = await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/Attachments?ids=${id},123`, {
      method: 'DELETE',
    });
    expect(response.status).toBe(200);
    const items = writeResultSchema.parse(await response.json()).data;
    expect(items.map((i) => i.status)).toEqual(['success', 'error']);
  });

  it('answers INVALID_REQUEST_METHOD for a method the endpoint does not take', async () => {
    await expectBiginError(
      await sandbox.api(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`, { method: 'PUT' }),
      400,
      'INVALID_REQUEST_METHOD',
    );
    await expectBiginError(
      await sandbox.api(
        `Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments/${DOC_SAMPLE_ATTACHMENT_ID}`,
        {
          method: 'PATCH',
        },
      ),
      400,
      'INVALID_REQUEST_METHOD',
    );
  });
});
