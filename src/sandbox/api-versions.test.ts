import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentListSchema } from '../shared/bigin-attachment.ts';
import { fieldMetadataSchema, recordListSchema } from '../shared/bigin-record.ts';
import { DOC_SAMPLE_RECORD_ID, docSampleAttachmentList } from '../shared/doc-samples.ts';
import { moduleListSchema } from '../shared/modules.ts';
import { DEAL_RECORD_ID } from './seed-ids.ts';
import { expectBiginError, startSandbox, type RunningSandbox } from './test-harness.ts';

let sandbox: RunningSandbox;
const v1 = (path: string) => sandbox.api(path, { version: 'v1' });
const v2 = (path: string) => sandbox.api(path, { version: 'v2' });

beforeAll(async () => {
  // A low paging limit, so that v2's page tokens are reached with the seed's 30 records.
  sandbox = await startSandbox({ discretePagingLimit: 10 });
});
afterAll(() => sandbox.close());

describe('Bigin v1 and v2 from the same data, over real sockets', () => {
  it('answers the documented v1 sample under v1, and the same attachment under v2', async () => {
    const path = `Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`;
    expect(await (await v1(path)).json()).toEqual(docSampleAttachmentList);
    expect(await (await v2(path)).json()).toEqual(docSampleAttachmentList);
  });

  it('names Deals `Pipelines` in v2, in URLs, the module list and $se_module', async () => {
    const names = async (answer: Response) =>
      moduleListSchema.parse(await answer.json()).modules.map((m) => m.api_name);
    expect(await names(await v1('settings/modules'))).toContain('Deals');
    expect(await names(await v2('settings/modules'))).toEqual(
      expect.arrayContaining(['Pipelines', 'Contacts', 'Events']),
    );
    expect(await names(await v2('settings/modules'))).not.toContain('Deals');

    const deal = recordListSchema.parse(
      await (await v2('Pipelines?fields=Deal_Name&per_page=5')).json(),
    ).data[0]!;
    expect(deal.Deal_Name).toEqual(expect.any(String));
    await expectBiginError(await v2('Deals?fields=Deal_Name'), 400, 'INVALID_MODULE');
    await expectBiginError(await v1('Pipelines'), 400, 'INVALID_MODULE');
    expect((await v1(`Deals/${deal.id}`)).status).toBe(200);
  });

  it('writes $se_module as each version names the module', async () => {
    const v2Item = attachmentListSchema.parse(
      await (await v2(`Pipelines/${DEAL_RECORD_ID}/Attachments`)).json(),
    ).data[0]!;
    expect(v2Item).toMatchObject({ File_Name: 'Proposal.pdf', $se_module: 'Pipelines' });
    const v1Item = attachmentListSchema.parse(
      await (await v1(`Deals/${DEAL_RECORD_ID}/Attachments`)).json(),
    ).data[0]!;
    expect(v1Item).toMatchObject({ id: v2Item.id, $se_module: 'Deals' });
  });

  it('needs `fields` on a v2 record list (at most 50), and not on v1', async () => {
    const missing = await expectBiginError(await v2('Contacts'), 400, 'REQUIRED_PARAM_MISSING');
    expect(missing.details).toEqual({ param_name: 'fields' });
    const many = Array.from({ length: 51 }, (_, i) => `F${i}`).join(',');
    await expectBiginError(await v2(`Contacts?fields=${many}`), 400, 'LIMIT_EXCEEDED');
    expect((await v1('Contacts')).status).toBe(200);
  });

  it('goes past the paging limit by page_token in v2, from info.next_page_token', async () => {
    await expectBiginError(
      await v2('Contacts?fields=Full_Name&page=3&per_page=5'),
      400,
      'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
    );
    const seen: string[] = [];
    let next: string | undefined;
    let answer = await v2('Contacts?fields=Full_Name&per_page=10');
    for (;;) {
      const page = recordListSchema.parse(await answer.json());
      seen.push(...page.data.map((r) => r.id));
      next = page.info.next_page_token ?? undefined;
      expect(Boolean(next)).toBe(page.info.more_records);
      if (!next) break;
      answer = await v2(`Contacts?fields=Full_Name&per_page=10&page_token=${next}`);
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    await expectBiginError(
      await v2('Contacts?fields=Full_Name&page_token=bm9wZQ'),
      400,
      'INVALID_DATA',
    );
  });

  it.each(['v1', 'v2'] as const)(
    'marks each module’s name field in the %s field metadata (Events are titled)',
    async (version) => {
      const nameOf = async (module: string) =>
        fieldMetadataSchema
          .parse(await (await sandbox.api(`settings/fields?module=${module}`, { version })).json())
          .find((f) => f.display_field)?.api_name;
      expect(await nameOf('Events')).toBe('Event_Title');
      expect(await nameOf('Contacts')).toBe('Full_Name');
      expect(await nameOf(version === 'v2' ? 'Pipelines' : 'Deals')).toBe('Deal_Name');
      const events = recordListSchema.parse(
        await (await sandbox.api('Events?fields=Event_Title&per_page=5', { version })).json(),
      );
      expect(events.data[0]!.Event_Title).toMatch(/ with /);
    },
  );

  it('refuses the field metadata to a token without a settings scope', async () => {
    const token = await sandbox.tokenWithScopes(['ZohoBigin.modules.ALL']);
    await expectBiginError(
      await sandbox.api('settings/fields?module=Events', { token, version: 'v2' }),
      401,
      'OAUTH_SCOPE_MISMATCH',
    );
  });
});
