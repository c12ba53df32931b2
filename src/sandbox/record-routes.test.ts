import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordListSchema, singleRecordSchema } from '../shared/bigin-record.ts';
import { writeResultItemSchema } from '../shared/bigin-write.ts';
import { DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import { moduleListSchema } from '../shared/modules.ts';
import {
  DOC_REQUEST_RECORD_ID,
  EMPTY_RECORD_ID,
  PRODUCT_RECORD_ID,
  THOUSAND_ATTACHMENTS_RECORD_ID,
} from './seed.ts';
import { expectBiginError, startSandbox, type RunningSandbox } from './test-harness.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('modules and records', () => {
  it('lists the modules with their labels: Companies is Accounts', async () => {
    const { modules } = moduleListSchema.parse(
      await (await sandbox.api('settings/modules')).json(),
    );
    expect(modules.find((m) => m.api_name === 'Accounts')?.plural_label).toBe('Companies');
    expect(modules.filter((m) => m.api_supported).map((m) => m.api_name)).toEqual([
      'Accounts',
      'Contacts',
      'Deals',
      'Products',
      'Tasks',
      'Events',
      'Calls',
    ]);
  });

  it('pages records, tens per module, and answers 204 past the end', async () => {
    for (const module of [
      'Contacts',
      'Accounts',
      'Deals',
      'Products',
      'Tasks',
      'Events',
      'Calls',
    ]) {
      const response = await sandbox.api(`${module}?per_page=5`);
      const list = recordListSchema.parse(await response.json());
      expect(list.data).toHaveLength(5);
      expect(list.info.more_records).toBe(true);
    }
    expect((await sandbox.api('Contacts?page=99')).status).toBe(204);
  });

  it('sorts by a name field, and refuses a field it cannot sort by', async () => {
    const list = recordListSchema.parse(
      await (await sandbox.api('Products?sort_by=Product_Name&sort_order=asc')).json(),
    );
    const names = list.data.map((r) => String(r.Product_Name));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    await expectBiginError(await sandbox.api('Products?sort_by=Nope'), 400, 'INVALID_DATA');
  });

  it('answers one record, and INVALID_DATA for an unknown id', async () => {
    const one = singleRecordSchema.parse(
      await (await sandbox.api(`Contacts/${DOC_SAMPLE_RECORD_ID}`)).json(),
    );
    expect(one.record).toMatchObject({ id: DOC_SAMPLE_RECORD_ID, Full_Name: 'Patricia Boyle' });
    const envelope = await expectBiginError(await sandbox.api('Contacts/999'), 400, 'INVALID_DATA');
    expect(envelope.details).toEqual({ resource_path_index: 1 });
  });

  it('answers INVALID_MODULE for an unknown module and for one the API does not serve', async () => {
    await expectBiginError(
      await sandbox.api('Widgets'),
      400,
      'INVALID_MODULE',
      'the module name given seems to be invalid',
    );
    await expectBiginError(
      await sandbox.api('Documents'),
      400,
      'INVALID_MODULE',
      'The given module is not supported in API',
    );
  });
});

describe('search', () => {
  it('finds records by word, by criteria, by email; 204 when none match', async () => {
    const byWord = recordListSchema.parse(
      await (await sandbox.api('Contacts/search?word=marrier')).json(),
    );
    expect(byWord.data.map((r) => r.id)).toContain(DOC_REQUEST_RECORD_ID);
    const criteria = encodeURIComponent(
      '((Last_Name:equals:Amigon)and(First_Name:starts_with:Min))',
    );
    const byCriteria = recordListSchema.parse(
      await (await sandbox.api(`Contacts/search?criteria=${criteria}`)).json(),
    );
    expect(byCriteria.data.map((r) => r.id)).toEqual([THOUSAND_ATTACHMENTS_RECORD_ID]);
    const one = singleRecordSchema.parse(
      await (await sandbox.api(`Contacts/${EMPTY_RECORD_ID}`)).json(),
    );
    const byEmail = await sandbox.api(
      `Contacts/search?email=${encodeURIComponent(String(one.record!.Email))}`,
    );
    expect(recordListSchema.parse(await byEmail.json()).data[0]!.id).toBe(EMPTY_RECORD_ID);
    expect((await sandbox.api('Contacts/search?word=zzzzqq')).status).toBe(204);
  });

  it("marks each field's type in the metadata: Contacts have an email field, Companies none", async () => {
    const typesOf = async (module: string) =>
      Object.fromEntries(
        (
          (await (await sandbox.api(`settings/fields?module=${module}`)).json()) as {
            fields: { api_name: string; data_type: string }[];
          }
        ).fields.map((f) => [f.api_name, f.data_type]),
      );
    expect(await typesOf('Contacts')).toMatchObject({
      Email: 'email',
      Account_Name: 'lookup',
      Full_Name: 'text',
      Created_Time: 'datetime',
    });
    expect(Object.values(await typesOf('Accounts'))).not.toContain('email');
  });

  it('refuses a one-letter word, bad criteria, and a search with no term', async () => {
    await expectBiginError(await sandbox.api('Contacts/search?word=a'), 400, 'INVALID_QUERY');
    await expectBiginError(
      await sandbox.api('Contacts/search?criteria=Last_Name'),
      400,
      'INVALID_QUERY',
    );
    await expectBiginError(await sandbox.api('Contacts/search'), 400, 'REQUIRED_PARAM_MISSING');
    await expectBiginError(
      await sandbox.api('settings/modules', { method: 'POST' }),
      400,
      'INVALID_REQUEST_METHOD',
    );
  });
});

describe('record photos', () => {
  it('serves a seeded photo, and 204 for a record without one', async () => {
    const photo = await sandbox.api(`Products/${PRODUCT_RECORD_ID}/photo`);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await photo.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect((await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/photo`)).status).toBe(204);
  });

  it('replaces and deletes a photo', async () => {
    const form = new FormData();
    const png = Buffer.from(
      await (await sandbox.api(`Products/${PRODUCT_RECORD_ID}/photo`)).arrayBuffer(),
    );
    form.append('file', new Blob([png]), 'me.png');
    const posted = await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/photo`, {
      method: 'POST',
      body: form,
    });
    expect(writeResultItemSchema.parse(await posted.json()).code).toBe('SUCCESS');
    const back = await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/photo`);
    expect(Buffer.from(await back.arrayBuffer())).toEqual(png);
    const deleted = await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/photo`, { method: 'DELETE' });
    expect(writeResultItemSchema.parse(await deleted.json()).status).toBe('success');
    expect((await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/photo`)).status).toBe(204);
  });

  it('has no photos for modules other than Contacts, Accounts and Products', async () => {
    const deals = recordListSchema.parse(await (await sandbox.api('Deals?per_page=1')).json());
    await expectBiginError(
      await sandbox.api(`Deals/${deals.data[0]!.id}/photo`),
      400,
      'INVALID_MODULE',
    );
  });
});
