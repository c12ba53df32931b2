import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachmentPageSchema,
  moduleListResponseSchema,
  recordDetailSchema,
  recordPageSchema,
} from '../shared/api-contract.ts';
import { isLinkAttachment } from '../shared/bigin-attachment.ts';
import { DOC_SAMPLE_RECORD_ID, docSampleAttachmentList } from '../shared/doc-samples.ts';
import { SELF_CLIENT_REFRESH_TOKENS } from '../sandbox/sandbox-client.ts';
import { DEAL_RECORD_ID, DOC_REQUEST_RECORD_ID, EVENT_RECORD_ID } from '../sandbox/seed-ids.ts';
import { loadConfig } from './config.ts';
import { start, type Started } from './start.ts';
import { tempDataDir } from './test-support/temp-data-dir.ts';

/** The proxy in front of the sandbox on each of Bigin's API lines, over real sockets. */
describe.each([
  { version: 'v2', deals: 'Pipelines' },
  { version: 'v1', deals: 'Deals' },
] as const)('BIGIN_API_VERSION=$version', ({ version, deals }) => {
  let stack: Started;
  const get = async (path: string) => {
    const response = await fetch(`${stack.appUrl}${path}`);
    expect(response.status, path).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    stack = await start(
      loadConfig({
        PORT: '0',
        SANDBOX_PORT: '0',
        DATA_DIR: tempDataDir(),
        SANDBOX_CONTROL_ROUTES: 'true',
        BIGIN_API_VERSION: version,
        ZOHO_REFRESH_TOKEN: SELF_CLIENT_REFRESH_TOKENS['Patricia Boyle'],
      }),
      () => {},
    );
  });
  afterAll(() => stack.close());

  it(`lists the deals module as ${deals}, and opens its records and their attachments`, async () => {
    const { modules } = moduleListResponseSchema.parse(await get('/api/modules'));
    expect(modules.map((m) => m.api_name)).toContain(deals);
    const recent = recordPageSchema.parse(await get(`/api/records/${deals}`));
    expect(recent.data.length).toBeGreaterThan(0);
    expect(recent.data.every((r) => r.name !== r.id)).toBe(true);
    const detail = recordDetailSchema.parse(await get(`/api/records/${deals}/${DEAL_RECORD_ID}`));
    expect(detail.name).toBe('Zylker Corp - Bigin Starter Kit');
    const page = attachmentPageSchema.parse(
      await get(`/api/records/${deals}/${DEAL_RECORD_ID}/attachments`),
    );
    expect(page.data.map((a) => a.File_Name)).toEqual(['Proposal.pdf']);
  });

  it('names events by their title, read from the field metadata', async () => {
    const detail = recordDetailSchema.parse(await get(`/api/records/Events/${EVENT_RECORD_ID}`));
    expect(detail.name).toMatch(/^Product demo with /);
    const found = recordPageSchema.parse(await get('/api/records/Events/search?word=demo'));
    expect(found.data.map((r) => r.name)).toContain(detail.name);
  });

  it("answers the documentation's sample as documented", async () => {
    const page = attachmentPageSchema.parse(
      await get(`/api/records/Contacts/${DOC_SAMPLE_RECORD_ID}/attachments`),
    );
    expect(page).toEqual({ ...docSampleAttachmentList, unreadable: 0 });
  });

  it('shows a list written as the CRM spec writes it: every good row, the unreadable counted', async () => {
    const fault = await fetch(`${stack.sandboxUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'variant', match: { recordId: DOC_REQUEST_RECORD_ID } }),
    });
    expect(fault.status).toBe(201);
    const page = attachmentPageSchema.parse(
      await get(`/api/records/Contacts/${DOC_REQUEST_RECORD_ID}/attachments`),
    );
    expect(page.unreadable).toBe(1);
    expect(page.data.map((a) => [a.File_Name, a.Size, a.$type])).toEqual([
      ['Business card.png', '48213', 'File'],
      ['Signed NDA.pdf', '21544', 'File'],
      ['Call notes.txt', expect.stringMatching(/^\d+$/), 'File'],
    ]);
    expect(page.data.every((a) => !isLinkAttachment(a) && !('$link_url' in a))).toBe(true);
    // A field the app has never seen is kept, not refused.
    expect(page.data[0]).toMatchObject({ $sharing_permission: 'full_access' });
  });
});
