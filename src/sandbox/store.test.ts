import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentListSchema } from '../shared/bigin-attachment.ts';
import { writeResultSchema } from '../shared/bigin-write.ts';
import { DOC_SAMPLE_ATTACHMENT_ID, DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import { EMPTY_RECORD_ID } from './seed.ts';
import { startSandbox } from './test-harness.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sandbox-data-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('persistence in DATA_DIR', () => {
  it('keeps uploads, deletions and photos across a restart', async () => {
    const first = await startSandbox({ dataDir, controlRoutes: true });
    const form = new FormData();
    const bytes = Buffer.from('kept across restarts\n');
    form.append('file', new Blob([bytes]), 'kept.txt');
    const posted = await first.api(`Contacts/${EMPTY_RECORD_ID}/Attachments`, {
      method: 'POST',
      body: form,
    });
    const id = writeResultSchema.parse(await posted.json()).data[0]!.details.id as string;
    await first.api(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments/${DOC_SAMPLE_ATTACHMENT_ID}`, {
      method: 'DELETE',
    });
    await first.close();

    const second = await startSandbox({ dataDir, controlRoutes: true });
    try {
      const listed = attachmentListSchema.parse(
        await (await second.api(`Contacts/${EMPTY_RECORD_ID}/Attachments`)).json(),
      );
      expect(listed.data.map((a) => a.id)).toEqual([id]);
      const back = await second.api(`Contacts/${EMPTY_RECORD_ID}/Attachments/${id}`);
      expect(Buffer.from(await back.arrayBuffer())).toEqual(bytes);
      expect((await second.api(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`)).status).toBe(204);

      // Reset goes back to the seed, on disk too.
      await second.control('POST', 'reset');
      expect((await second.api(`Contacts/${EMPTY_RECORD_ID}/Attachments`)).status).toBe(204);
    } finally {
      await second.close();
    }
    const third = await startSandbox({ dataDir });
    try {
      expect((await third.api(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`)).status).toBe(200);
    } finally {
      await third.close();
    }
  });

  it('starts cleanly past the leftovers of a write a crash interrupted', async () => {
    await writeFile(path.join(dataDir, 'state.json.123.0.tmp'), '{"version":1,"nextSe');
    const sandbox = await startSandbox({ dataDir });
    try {
      expect((await sandbox.api(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`)).status).toBe(200);
      expect((await readdir(dataDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});
