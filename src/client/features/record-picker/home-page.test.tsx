import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useParams } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECENT_RECORDS_KEY } from '../../lib/recent-records.ts';
import { renderAt } from '../../test/render-app.tsx';
import { apiError, stubApi } from '../../test/stub-api.ts';
import { HomePage } from './home-page.tsx';
import { searchWordOf } from './record-queries.ts';

const module = (
  api_name: string,
  plural_label: string,
  singular_label: string,
  api_supported = true,
) => ({
  api_name,
  plural_label,
  singular_label,
  api_supported,
});
const MODULES = {
  modules: [
    module('Accounts', 'Companies', 'Company'),
    module('Contacts', 'Contacts', 'Contact'),
    module('Deals', 'Pipelines', 'Pipeline'),
    module('Documents', 'Documents', 'Document', false),
  ],
};
const page = (...data: { id: string; name: string }[]) => ({ data, info: { more_records: false } });
const ZYLKER = { id: '4150868000002730001', name: 'Zylker Inc' };

function RecordSpy() {
  const { module: m, recordId } = useParams();
  return <p>record page {`${m}/${recordId}`}</p>;
}

function renderHome(url = '/') {
  return renderAt(<HomePage />, {
    url,
    routes: [{ path: '/:module/:recordId', element: <RecordSpy /> }],
  });
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('HomePage', () => {
  it("offers the modules under Bigin's labels, only those its API serves", async () => {
    stubApi({ '/api/modules': MODULES, '/api/records/Contacts': page() });
    const { router } = renderHome();
    const picker = await screen.findByRole('combobox', { name: 'Module' });
    await waitFor(() => expect(picker).toHaveValue('Contacts'));

    await userEvent.clear(picker);
    await userEvent.type(picker, 'Comp');
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Companies']);
    await userEvent.keyboard('{Enter}');
    expect(picker).toHaveValue('Companies');
    expect(router.state.location.search).toBe('?module=Accounts');

    await userEvent.clear(picker);
    await userEvent.type(picker, 'Doc');
    expect(await screen.findByText('No module matches.')).toBeInTheDocument();
  });

  it('lists recent records before two letters are typed, then searches by word', async () => {
    const calls = stubApi({
      '/api/modules': MODULES,
      '/api/records/Accounts': page({ id: '4150868000002730002', name: 'Acme' }, ZYLKER),
      '/api/records/Accounts/search?word=zyl': page(ZYLKER),
    });
    renderHome('/?module=Accounts');
    const picker = await screen.findByRole('combobox', { name: 'Record' });
    await userEvent.click(picker);
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['AcmeId 4150868000002730002', 'Zylker IncId 4150868000002730001']);

    await userEvent.type(picker, 'zyl');
    await waitFor(() => expect(calls).toContain('/api/records/Accounts/search?word=zyl'));
    // One search per pause in typing, not one per key.
    expect(calls.filter((c) => c.includes('/search'))).toEqual([
      '/api/records/Accounts/search?word=zyl',
    ]);
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
        'Zylker IncId 4150868000002730001',
      ]),
    );
  });

  it('opens the chosen record', async () => {
    stubApi({
      '/api/modules': MODULES,
      '/api/records/Accounts': page(),
      '/api/records/Accounts/search?word=zy': page(ZYLKER),
    });
    renderHome('/?module=Accounts');
    const picker = await screen.findByRole('combobox', { name: 'Record' });
    await userEvent.type(picker, 'zy');
    await screen.findByRole('option', { name: /Zylker Inc/ });
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('record page Accounts/4150868000002730001')).toBeInTheDocument();
  });

  it('says when a search finds nothing', async () => {
    stubApi({
      '/api/modules': MODULES,
      '/api/records/Contacts': page(),
      '/api/records/Contacts/search?word=qq': page(),
    });
    renderHome();
    await userEvent.type(await screen.findByRole('combobox', { name: 'Record' }), 'qq');
    expect(await screen.findByText('No record matches “qq”.')).toBeInTheDocument();
  });

  it('shows a banner when the search is refused', async () => {
    stubApi({
      '/api/modules': MODULES,
      '/api/records/Contacts': page(),
      '/api/records/Contacts/search?word=pa': apiError(401, 'OAUTH_SCOPE_MISMATCH', 'Unauthorized'),
    });
    renderHome();
    await userEvent.type(await screen.findByRole('combobox', { name: 'Record' }), 'pa');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The sign-in lacks the attachments permission',
    );
  });

  it('tells records of the same name apart by their second line, and searches by email', async () => {
    const kris = (id: string, detail?: string) => ({
      id,
      name: 'Kris Marrier',
      ...(detail ? { detail } : {}),
    });
    const calls = stubApi({
      '/api/modules': MODULES,
      '/api/records/Contacts': page(kris('1', 'k.marrier@zylker.example · Chanay'), kris('2')),
      '/api/records/Contacts/search?email=k.marrier%40zylker.example': page(
        kris('1', 'k.marrier@zylker.example · Chanay'),
      ),
    });
    renderHome();
    const picker = await screen.findByRole('combobox', { name: 'Record' });
    await userEvent.click(picker);
    const options = await within(await screen.findByRole('listbox')).findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Kris Marrierk.marrier@zylker.example · Chanay',
      'Kris MarrierId 2',
    ]);
    await userEvent.paste('k.marrier@zylker.example');
    await waitFor(() =>
      expect(calls).toContain('/api/records/Contacts/search?email=k.marrier%40zylker.example'),
    );
    expect(await screen.findAllByRole('option')).toHaveLength(1);
  });

  it('says once, in the field, that the profile may not read a module', async () => {
    stubApi({
      '/api/modules': MODULES,
      '/api/records/Accounts': apiError(
        400,
        'AUTHORIZATION_FAILED',
        'User does not have sufficient privilege to read Accounts',
      ),
    });
    renderHome('/?module=Accounts');
    const picker = await screen.findByRole('combobox', { name: 'Record' });
    const said =
      'Your Bigin profile may not see Companies: ask your Bigin administrator for access, or choose another module.';
    expect(await screen.findByText(said)).toBeInTheDocument();
    expect(picker).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.click(picker);
    expect(screen.queryByText('This module has no records yet.')).toBeNull();
  });

  it('shows a banner with a retry when the modules cannot be listed', async () => {
    let fail = true;
    stubApi({
      '/api/modules': () =>
        fail ? apiError(502, 'PROXY_UPSTREAM_UNREACHABLE') : new Response(JSON.stringify(MODULES)),
      '/api/records/Contacts': page(),
    });
    renderHome();
    expect(await screen.findByRole('alert')).toHaveTextContent('Bigin cannot be reached');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('combobox', { name: 'Module' })).toHaveValue('Contacts');
  });

  it('offers the records opened lately, and opens them', async () => {
    localStorage.setItem(
      RECENT_RECORDS_KEY,
      JSON.stringify([{ module: 'Accounts', id: ZYLKER.id, name: ZYLKER.name }]),
    );
    stubApi({ '/api/modules': MODULES, '/api/records/Accounts': page() });
    renderHome();
    const recent = await screen.findByRole('region', { name: 'Recently opened' });
    const link = within(recent).getByRole('link', { name: /Zylker Inc/ });
    await waitFor(() => expect(link).toHaveTextContent('Company · 4150868000002730001'));
    // The last record's module is where the pickers start.
    expect(screen.getByRole('combobox', { name: 'Module' })).toHaveValue('Companies');
    await userEvent.click(link);
    expect(await screen.findByText('record page Accounts/4150868000002730001')).toBeInTheDocument();
  });

  it('opens a record by module and id', async () => {
    stubApi({ '/api/modules': MODULES, '/api/records/Contacts': page() });
    renderHome();
    const form = await screen.findByRole('form', { name: 'Open a record by its id' });
    const open = within(form).getByRole('button', { name: 'Show attachments' });
    await userEvent.type(within(form).getByRole('textbox', { name: /Record id/ }), '12x');
    expect(within(form).getByText('A Bigin record id is 1 to 19 digits.')).toBeInTheDocument();
    expect(open).toBeDisabled();
    await userEvent.type(within(form).getByRole('textbox', { name: /Record id/ }), '{Backspace}3');
    await userEvent.click(open);
    expect(await screen.findByText('record page Contacts/123')).toBeInTheDocument();
  });

  it("opens a record from its address in Bigin's web app, pasted into either field", async () => {
    stubApi({ '/api/modules': MODULES, '/api/records/Contacts': page() });
    renderHome();
    const form = await screen.findByRole('form', { name: 'Open a record by its id' });
    const id = within(form).getByRole('textbox', { name: /Record id/ });
    const moduleField = within(form).getByRole('textbox', { name: /Module API name/ });
    await waitFor(() => expect(moduleField).toHaveValue('Contacts'));
    await userEvent.click(id);
    await userEvent.paste('https://bigin.zoho.com/bigin/org123/Home#/deals/4150868000003300001');
    // Bigin's web app says "deals": the org's API name for it is taken.
    expect(moduleField).toHaveValue('Deals');
    expect(id).toHaveValue('4150868000003300001');
    await userEvent.clear(moduleField);
    await userEvent.paste('https://bigin.zoho.eu/bigin/zylker/Home#/companies/4150868000003200001');
    expect(moduleField).toHaveValue('Accounts');
    await userEvent.click(within(form).getByRole('button', { name: 'Show attachments' }));
    expect(await screen.findByText('record page Accounts/4150868000003200001')).toBeInTheDocument();
  });
});

describe('searchWordOf', () => {
  it.each([
    ['  zylker  ', 'zylker'],
    ['a/b', 'a b'],
    ['..zy\u0007', 'zy'],
    ['50%2Foff', '50 2Foff'],
    ['100% cotton', '100% cotton'],
    ['x'.repeat(120), 'x'.repeat(100)],
  ])('%j -> %j', (typed, word) => expect(searchWordOf(typed)).toBe(word));
});
