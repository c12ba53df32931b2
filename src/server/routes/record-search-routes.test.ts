import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordPageSchema } from '../../shared/api-contract.ts';
import { proxyOver, type ProxyOver } from '../test-support/proxy-over.ts';
import { ScriptedZoho, type RecordedCall } from '../test-support/scripted-zoho.ts';

let zoho: ScriptedZoho;
let proxy: ProxyOver;
const api = (path: string) => fetch(`${proxy.url}${path}`);
const recordCalls = () =>
  zoho.biginCallList.map((c) => c.url).filter((url) => !url.includes('/settings/fields'));

/** Field metadata as Bigin lists it: the name field marked, each field with its data type. */
const METADATA: Record<string, { api_name: string; data_type: string; display_field?: true }[]> = {
  Contacts: [
    { api_name: 'Full_Name', data_type: 'text', display_field: true },
    { api_name: 'First_Name', data_type: 'text' },
    { api_name: 'Last_Name', data_type: 'text' },
    { api_name: 'Email', data_type: 'email' },
    { api_name: 'Account_Name', data_type: 'lookup' },
    { api_name: 'Phone', data_type: 'phone' },
  ],
  Accounts: [
    { api_name: 'Account_Name', data_type: 'text', display_field: true },
    { api_name: 'Website', data_type: 'website' },
  ],
};

let records: (call: RecordedCall) => unknown;

beforeEach(async () => {
  zoho = await new ScriptedZoho().start();
  proxy = await proxyOver(zoho, { upstream: { baseDelayMs: 1 } });
  records = () => undefined;
  zoho.bigin = (call) => {
    const module = /[?&]module=(\w+)/.exec(call.url)?.[1];
    if (call.url.includes('/settings/fields')) {
      const fields = module ? METADATA[module] : undefined;
      return fields ? { status: 200, body: { fields } } : { status: 204 };
    }
    const body = records(call);
    return body ? { status: 200, body } : { status: 204 };
  };
});
afterEach(async () => {
  await proxy.close();
  await zoho.close();
});

describe('the record picker’s routes, over real sockets', () => {
  it('ask for the fields that tell records apart, as the metadata lists them, and say them', async () => {
    records = () => ({
      data: [
        {
          id: '1',
          Full_Name: 'Kris Marrier',
          Email: 'k.marrier@zylker.example',
          Account_Name: { name: 'Chanay', id: '9' },
        },
        { id: '2', Full_Name: 'Kris Marrier', Account_Name: { name: 'Chemel', id: '8' } },
        { id: '3', Full_Name: 'Sage Wieser', Email: null, Account_Name: null },
      ],
      info: { more_records: false },
    });
    const page = recordPageSchema.parse(await (await api('/api/records/Contacts')).json());
    expect(page.data).toEqual([
      { id: '1', name: 'Kris Marrier', detail: 'k.marrier@zylker.example · Chanay' },
      { id: '2', name: 'Kris Marrier', detail: 'Chemel' },
      { id: '3', name: 'Sage Wieser' },
    ]);
    const asked = new URL(recordCalls()[0]!, 'http://x').searchParams.get('fields');
    expect(asked).toBe('Full_Name,First_Name,Last_Name,Email,Account_Name,Phone');
  });

  it('ask for the name alone when the metadata cannot be read (a field Bigin lacks may be refused)', async () => {
    records = () => ({ data: [{ id: '5', Deal_Name: 'Big one' }], info: { more_records: false } });
    const page = recordPageSchema.parse(await (await api('/api/records/Pipelines')).json());
    expect(page.data).toEqual([{ id: '5', name: 'Big one' }]);
    expect(new URL(recordCalls()[0]!, 'http://x').searchParams.get('fields')).toBe('Deal_Name');
  });

  it('search by email where the module has an email field, by word where it has none', async () => {
    records = (call) =>
      call.url.includes('email=') || call.url.includes('word=')
        ? {
            data: [{ id: '1', Full_Name: 'Kris Marrier', Email: 'k.marrier@zylker.example' }],
            info: { more_records: false },
          }
        : undefined;
    const found = await (
      await api('/api/records/Contacts/search?email=k.marrier%40zylker.example')
    ).json();
    expect(found.data).toEqual([
      { id: '1', name: 'Kris Marrier', detail: 'k.marrier@zylker.example' },
    ]);
    await api('/api/records/Accounts/search?email=k.marrier%40zylker.example');
    expect(recordCalls()).toEqual([
      '/bigin/v2/Contacts/search?email=k.marrier%40zylker.example&page=1&per_page=20',
      '/bigin/v2/Accounts/search?word=k.marrier%40zylker.example&page=1&per_page=20',
    ]);
  });

  it('refuse a search with neither or both of word and email, or an email that is none', async () => {
    for (const query of ['', 'word=kris&email=a%40b.example', 'email=not-an-email']) {
      const refused = await api(`/api/records/Contacts/search?${query}`);
      expect(refused.status).toBe(400);
      expect((await refused.json()).code).toBe('PROXY_BAD_REQUEST');
    }
    expect(recordCalls()).toEqual([]);
  });
});
