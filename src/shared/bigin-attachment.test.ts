import { describe, expect, it } from 'vitest';
import { attachmentListSchema, isLinkAttachment } from './bigin-attachment.ts';
import { biginErrorSchema } from './bigin-error.ts';
import { recordListSchema } from './bigin-record.ts';
import { moduleListSchema } from './modules.ts';
import { docSampleAttachmentList, docSampleInvalidModule } from './doc-samples.ts';

const sample = docSampleAttachmentList.data[0]!;
const listOf = (...data: unknown[]) =>
  attachmentListSchema.parse({ data, info: docSampleAttachmentList.info });

describe('the shared wire formats', () => {
  it("parse the documentation's sample attachment list", () => {
    const parsed = attachmentListSchema.parse(docSampleAttachmentList);
    expect(parsed.data[0]?.File_Name).toBe('Screen Shot 2020-07-21 at 11.27.04 PM.png');
    expect(parsed.info).toEqual({ per_page: 200, count: 1, page: 1, more_records: false });
    expect(parsed.unreadable).toBe(0);
  });

  it("parse the documentation's INVALID_MODULE envelope", () => {
    expect(biginErrorSchema.parse(docSampleInvalidModule).code).toBe('INVALID_MODULE');
  });
});

describe('attachments, read generously', () => {
  it('read a size sent as a number, a File type, no $link_url, and keep unknown fields', () => {
    const asSpecWrites: Record<string, unknown> = { ...sample, Size: 362207, $type: 'File' };
    delete asSpecWrites.$link_url;
    const [file] = listOf({ ...asSpecWrites, $sharing_permission: 'full' }).data;
    expect(file).toMatchObject({ Size: '362207', $type: 'File', $sharing_permission: 'full' });
    expect(isLinkAttachment(file!)).toBe(false);
  });

  it('need only the id: the rest may be missing, null or odd, and reads as unknown', () => {
    const { data, unreadable } = listOf({
      id: sample.id,
      File_Name: null,
      Size: '12kB',
      Owner: 'Patricia',
      Created_Time: 'yesterday',
      $editable: 'yes',
    });
    expect(unreadable).toBe(0);
    expect(data[0]).toMatchObject({ id: sample.id, File_Name: null });
    expect(data[0]?.Size).toBeUndefined();
    expect(data[0]?.Owner).toBeUndefined();
    expect(data[0]?.Created_Time).toBeUndefined();
    expect(data[0]?.$editable).toBeUndefined();
  });

  it('leave out and count an item without a readable id, keeping the others', () => {
    // An id sent as a number would have lost digits above 2^53.
    const { data, unreadable } = listOf(
      sample,
      { ...sample, id: Number('4150868000002728012') },
      { File_Name: 'no id.pdf' },
      'not an object',
    );
    expect(data.map((a) => a.id)).toEqual([sample.id]);
    expect(unreadable).toBe(3);
  });

  it('take any link-like type, or a link address, as a link', () => {
    expect(isLinkAttachment({ $type: 'Link URL', $link_url: null })).toBe(true);
    expect(isLinkAttachment({ $type: 'Link', $link_url: undefined })).toBe(true);
    expect(isLinkAttachment({ $type: undefined, $link_url: 'https://example.com' })).toBe(true);
    expect(isLinkAttachment({ $type: 'Attachment', $link_url: null })).toBe(false);
  });

  it('read a page without info as a single last page', () => {
    const parsed = attachmentListSchema.parse({ data: [sample] });
    expect(parsed.info.more_records).toBe(false);
  });
});

describe('records and modules, read generously', () => {
  it('leave out and count a record without an id', () => {
    const parsed = recordListSchema.parse({
      data: [{ id: '1', Full_Name: 'A' }, { Full_Name: 'B' }],
      info: { more_records: false },
    });
    expect(parsed.data.map((r) => r.id)).toEqual(['1']);
    expect(parsed.unreadable).toBe(1);
  });

  it('name a module by its API name when its labels are missing, and count one without a name', () => {
    const parsed = moduleListSchema.parse({
      modules: [{ api_name: 'Pipelines' }, { plural_label: 'Nameless' }],
    });
    expect(parsed.modules).toEqual([
      {
        api_name: 'Pipelines',
        plural_label: 'Pipelines',
        singular_label: 'Pipelines',
        api_supported: true,
      },
    ]);
    expect(parsed.unreadable).toBe(1);
  });
});
