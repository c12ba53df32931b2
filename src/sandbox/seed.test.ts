import { describe, expect, it } from 'vitest';
import { attachmentSchema, biginIdSchema } from '../shared/bigin-attachment.ts';
import { DOC_SAMPLE_RECORD_ID, docSampleAttachmentList } from '../shared/doc-samples.ts';
import {
  buildSeed,
  NOTABLE_RECORDS,
  THOUSAND_ATTACHMENTS_RECORD_ID,
  toWireAttachment,
} from './seed.ts';

describe('the seed', () => {
  it('is the same on every build, and cheap to build', () => {
    const started = performance.now();
    const first = buildSeed();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(buildSeed()).toEqual(first);
  });

  it('holds every notable record, tens of records per module, valid attachments', () => {
    const { records, attachments } = buildSeed();
    for (const { module, id } of Object.values(NOTABLE_RECORDS)) {
      expect(records.some((r) => r.module === module && r.id === id)).toBe(true);
    }
    for (const module of [
      'Contacts',
      'Accounts',
      'Deals',
      'Products',
      'Tasks',
      'Events',
      'Calls',
    ]) {
      expect(records.filter((r) => r.module === module).length).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(records.map((r) => `${r.module}/${r.id}`)).size).toBe(records.length);
    expect(new Set(attachments.map((a) => a.id)).size).toBe(attachments.length);
    for (const a of attachments) attachmentSchema.parse(toWireAttachment(a));
    for (const r of records) biginIdSchema.parse(r.id);
    const thousand = attachments.filter((a) => a.Parent_Id.id === THOUSAND_ATTACHMENTS_RECORD_ID);
    expect(thousand).toHaveLength(1000);
  });

  it("keeps the documentation's sample exactly", () => {
    const { attachments } = buildSeed();
    const sample = attachments
      .filter((a) => a.Parent_Id.id === DOC_SAMPLE_RECORD_ID)
      .map(toWireAttachment);
    expect(sample).toEqual(docSampleAttachmentList.data);
  });

  it('names files in several scripts and with characters that break naive code', () => {
    const names = buildSeed()
      .attachments.map((a) => a.File_Name)
      .join('\n');
    for (const hostile of ['"', '<', '%', '🚀', '\u202E', 'ח', 'ت', '見', 'é']) {
      expect(names).toContain(hostile);
    }
  });
});
