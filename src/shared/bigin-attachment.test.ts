import { describe, expect, it } from 'vitest';
import { attachmentListSchema } from './bigin-attachment.ts';
import { biginErrorSchema } from './bigin-error.ts';
import { docSampleAttachmentList, docSampleInvalidModule } from './doc-samples.ts';

describe('the shared wire formats', () => {
  it("parse the documentation's sample attachment list", () => {
    const parsed = attachmentListSchema.parse(docSampleAttachmentList);
    expect(parsed.data[0]?.File_Name).toBe('Screen Shot 2020-07-21 at 11.27.04 PM.png');
    expect(parsed.info).toEqual({ per_page: 200, count: 1, page: 1, more_records: false });
  });

  it("parse the documentation's INVALID_MODULE envelope", () => {
    expect(biginErrorSchema.parse(docSampleInvalidModule).code).toBe('INVALID_MODULE');
  });

  it('refuse an id sent as a number, which would lose digits above 2^53', () => {
    const item = { ...docSampleAttachmentList.data[0], id: Number('4150868000002728012') };
    expect(
      attachmentListSchema.safeParse({ ...docSampleAttachmentList, data: [item] }).success,
    ).toBe(false);
  });

  it('refuse a size that is not a string of digits', () => {
    const item = { ...docSampleAttachmentList.data[0], Size: '12kB' };
    expect(
      attachmentListSchema.safeParse({ ...docSampleAttachmentList, data: [item] }).success,
    ).toBe(false);
  });
});
