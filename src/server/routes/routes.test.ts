import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiErrorSchema,
  moduleListResponseSchema,
  recordDetailSchema,
  recordPageSchema,
} from '../../shared/api-contract.ts';
import { BIGIN_ERRORS, biginError, type BiginErrorCode } from '../../shared/bigin-error.ts';
import { TestBrowser } from '../test-support/browser.ts';
import { proxyOver, type ProxyOver } from '../test-support/proxy-over.ts';
import { ScriptedZoho } from '../test-support/scripted-zoho.ts';

let zoho: ScriptedZoho;
let proxy: ProxyOver;
const api = (path: string) => fetch(`${proxy.url}${path}`);
const lastBiginUrl = () => zoho.biginCallList.at(-1)?.url;

beforeAll(async () => {
  zoho = await new ScriptedZoho().start();
  proxy = await proxyOver(zoho, { upstream: { baseDelayMs: 1 } });
});
afterAll(async () => {
  await proxy.close();
  await zoho.close();
});
beforeEach(() => {
  zoho.calls.length = 0;
  zoho.bigin = () => ({ status: 204 });
});

/** The field metadata of Contacts, as Bigin marks its name field. */
const contactFields = {
  fields: [
    { api_name: 'First_Name', display_field: false, data_type: 'text' },
    { api_name: 'Full_Name', display_field: true, data_type: 'text' },
  ],
};

describe('the routes, in service mode over real sockets', () => {
  it("lists the org's modules from Bigin's settings", async () => {
    const modules = [
      {
        api_name: 'Accounts',
        plural_label: 'Companies',
        singular_label: 'Company',
        api_supported: true,
      },
    ];
    zoho.bigin = () => ({ status: 200, body: { modules } });
    const response = await api('/api/modules');
    expect(moduleListResponseSchema.parse(await response.json())).toEqual({
      modules,
      unreadable: 0,
    });
    expect(lastBiginUrl()).toBe('/bigin/v2/settings/modules');
  });

  it('lists recent records by their name field, newest first', async () => {
    zoho.bigin = (call) => ({
      status: 200,
      body: call.url.includes('/settings/fields')
        ? contactFields
        : {
            data: [
              { id: '4150868000002728001', Full_Name: 'Patricia Boyle' },
              { id: '4150868000002728002', First_Name: 'Kris', Last_Name: 'Marrier' },
            ],
            info: { per_page: 20, count: 2, page: 1, more_records: true },
          },
    });
    const response = await api('/api/records/Contacts');
    expect(recordPageSchema.parse(await response.json())).toEqual({
      data: [
        { id: '4150868000002728001', name: 'Patricia Boyle' },
        { id: '4150868000002728002', name: 'Kris Marrier' },
      ],
      info: { more_records: true },
      unreadable: 0,
    });
    expect(lastBiginUrl()).toBe(
      '/bigin/v2/Contacts?fields=Full_Name%2CFirst_Name%2CLast_Name&sort_by=Modified_Time&sort_order=desc&page=1&per_page=20',
    );
  });

  it("names a custom module's records by the field Bigin's metadata marks, asked once", async () => {
    zoho.bigin = (call) => ({
      status: 200,
      body: call.url.includes('/settings/fields')
        ? { fields: [{ api_name: 'Name' }, { api_name: 'Site_Title', display_field: true }] }
        : {
            data: [{ id: '7', Site_Title: 'North yard', Name: 'x' }],
            info: { more_records: false },
          },
    });
    for (let i = 0; i < 2; i++) {
      const response = await api('/api/records/Sites_1');
      expect(recordPageSchema.parse(await response.json()).data).toEqual([
        { id: '7', name: 'North yard' },
      ]);
    }
    expect(lastBiginUrl()).toContain('/bigin/v2/Sites_1?fields=Site_Title&');
    const metadataCalls = zoho.biginCallList.filter((c) => c.url.includes('/settings/fields'));
    expect(metadataCalls.map((c) => c.url)).toEqual(['/bigin/v2/settings/fields?module=Sites_1']);
  });

  it("passes Bigin's page token on, past the 2,000 records a page number reaches", async () => {
    zoho.bigin = (call) => ({
      status: 200,
      body: call.url.includes('/settings/fields')
        ? contactFields
        : {
            data: [{ id: '2001', Full_Name: 'Next One' }],
            info: { more_records: true, next_page_token: 'c2Vjb25k' },
          },
    });
    const page = recordPageSchema.parse(
      await (await api('/api/records/Contacts?page_token=Zmlyc3Q&per_page=200')).json(),
    );
    expect(page.info).toEqual({ more_records: true, next_page_token: 'c2Vjb25k' });
    expect(lastBiginUrl()).toBe(
      '/bigin/v2/Contacts?fields=Full_Name%2CFirst_Name%2CLast_Name&sort_by=Modified_Time&sort_order=desc&page_token=Zmlyc3Q&per_page=200',
    );
    const refused = await api('/api/records/Contacts?page_token=..%2F');
    expect(refused.status).toBe(400);
  });

  it('searches by word, refusing a word under 2 characters before calling Bigin', async () => {
    const response = await api('/api/records/Accounts/search?word=Zyl%20ker');
    expect(await response.json()).toEqual({
      data: [],
      info: { more_records: false },
      unreadable: 0,
    });
    expect(lastBiginUrl()).toBe('/bigin/v2/Accounts/search?word=Zyl+ker&page=1&per_page=20');
    zoho.calls.length = 0;
    for (const word of ['a', '', '%20a%20', 'a%2Fb', '..x', 'a%5Cb', 'a%00b', 'a%252Fb']) {
      const refused = await api(`/api/records/Accounts/search?word=${word}`);
      expect(refused.status).toBe(400);
      expect((await refused.json()).code).toBe('PROXY_BAD_REQUEST');
    }
    expect(zoho.biginCallList).toHaveLength(0);
  });

  it.each([
    ['Products', 'Product_Name', true],
    ['Contacts', 'Full_Name', true],
    ['Accounts', 'Account_Name', true],
    ['Pipelines', 'Deal_Name', false],
    ['Tasks', 'Subject', false],
    ['Events', 'Event_Title', false],
  ])('names one %s record and says whether it can carry a photo', async (module, field, photo) => {
    // The field metadata is not readable here: the names Bigin's pages document stand in.
    zoho.bigin = () => ({ status: 200, body: { data: [{ id: '42', [field]: 'Widget' }] } });
    const response = await api(`/api/records/${module}/42`);
    expect(recordDetailSchema.parse(await response.json())).toEqual({
      id: '42',
      name: 'Widget',
      module,
      hasPhotoField: photo,
    });
    expect(zoho.biginCallList.map((c) => c.url)).toContain(`/bigin/v2/${module}/42`);
  });

  it.each([
    ['an image id', '2e3b5c9d0f', { hasPhoto: true }],
    ['null', null, { hasPhoto: false }],
    ['nothing', undefined, {}],
  ])('says a record has a photo when its Record_Image holds %s', async (_label, image, said) => {
    zoho.bigin = () => ({
      status: 200,
      body: {
        data: [
          { id: '42', Full_Name: 'Kris', ...(image !== undefined ? { Record_Image: image } : {}) },
        ],
      },
    });
    const detail = await (await api('/api/records/Contacts/42')).json();
    expect(detail).toEqual({
      id: '42',
      name: 'Kris',
      module: 'Contacts',
      hasPhotoField: true,
      ...said,
    });
  });

  it('answers 404 PROXY_RECORD_NOT_FOUND for a record Bigin answers 204 for', async () => {
    const response = await api('/api/records/Contacts/42');
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe('PROXY_RECORD_NOT_FOUND');
  });

  it("turns Bigin's 204 into an empty list on every list route", async () => {
    expect(await (await api('/api/records/Deals')).json()).toEqual({
      data: [],
      info: { more_records: false },
      unreadable: 0,
    });
    expect(await (await api('/api/records/Deals/1/attachments?page=2&per_page=50')).json()).toEqual(
      {
        data: [],
        info: { per_page: 50, count: 0, page: 2, more_records: false },
        unreadable: 0,
      },
    );
    expect(await (await api('/api/modules')).json()).toEqual({ modules: [], unreadable: 0 });
  });

  it.each(Object.keys(BIGIN_ERRORS) as BiginErrorCode[])(
    "passes Bigin's %s through with its status, message and details, plus a request id",
    async (code) => {
      const envelope = biginError(code, { resource_path_index: 1, param_name: 'x' });
      zoho.bigin = () => ({
        status: BIGIN_ERRORS[code].status,
        body: envelope,
        headers:
          code === 'TOO_MANY_REQUESTS' ? { 'Retry-After': '60' } : ({} as Record<string, string>),
      });
      for (const path of [
        '/api/records/Contacts/7/attachments',
        '/api/records/Contacts/7',
        '/api/modules',
      ]) {
        const response = await api(path);
        expect(response.status).toBe(BIGIN_ERRORS[code].status);
        const body = apiErrorSchema.parse(await response.json());
        expect(body).toEqual({ ...envelope, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
        if (code === 'TOO_MANY_REQUESTS') expect(response.headers.get('retry-after')).toBe('60');
      }
    },
  );

  it('refuses an answer that is not a list at all instead of passing it on', async () => {
    zoho.bigin = () => ({ status: 200, body: { records: 'none' } });
    const response = await api('/api/records/Contacts/1/attachments');
    expect(response.status).toBe(502);
    expect((await response.json()).code).toBe('PROXY_UPSTREAM_INVALID');
  });

  it("sends a listing Bigin sends again as before, and Bigin's page as it changes", async () => {
    const item = (id: string) => ({ id, File_Name: `${id}.pdf`, Size: '10' });
    const info = { per_page: 200, count: 2, page: 1, more_records: false };
    const plain = { data: [item('1'), item('2')], info };
    const list = async () => {
      const response = await api('/api/records/Contacts/9/attachments?page=1&per_page=200');
      return [response.status, await response.text()];
    };
    const sent = (body: object) => [200, JSON.stringify({ ...body, unreadable: 0 })];
    zoho.bigin = () => ({ status: 200, body: plain });
    expect(await list()).toEqual(sent(plain));
    expect(await list()).toEqual(sent(plain));
    // One item without an id: read through the schema, left out and counted.
    zoho.bigin = () => ({ status: 200, body: { data: [item('1'), { File_Name: 'x' }], info } });
    const [, page] = await list();
    expect(JSON.parse(page as string)).toMatchObject({ data: [item('1')], unreadable: 1 });
    const renamed = { data: [item('1'), { ...item('2'), File_Name: 'new.pdf' }], info };
    zoho.bigin = () => ({ status: 200, body: renamed });
    expect(await list()).toEqual(sent(renamed));
    zoho.bigin = () => ({ status: 200, body: plain });
    expect(await list()).toEqual(sent(plain));
    zoho.bigin = () => ({ status: 200, body: { data: 'none', info } });
    expect(await list()).toEqual([502, expect.stringContaining('PROXY_UPSTREAM_INVALID')]);
    expect(zoho.biginCallList).toHaveLength(6);
  });

  it('answers PROXY_RECORD_NOT_FOUND for a record whose id cannot be read (a number loses digits)', async () => {
    zoho.bigin = () => ({ status: 200, body: { data: [{ id: 2 ** 60 }] } });
    const response = await api('/api/records/Contacts/1');
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe('PROXY_RECORD_NOT_FOUND');
  });

  it('says the session is the service user, and a sign-out never revokes its token', async () => {
    const browser = new TestBrowser(proxy.url);
    const session = await (await browser.fetch('/api/session')).json();
    expect(session).toMatchObject({ signedIn: true, mode: 'service' });
    expect((await browser.write('/auth/sign-out', 'POST', session.csrfToken)).status).toBe(204);
    expect(zoho.calls.some((c) => c.url.includes('revoke'))).toBe(false);
    expect((await api('/api/records/Contacts/1/attachments')).status).toBe(200);
  });
});
