import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readRecentRecords } from '../../lib/recent-records.ts';
import { renderAt } from '../../test/render-app.tsx';
import { apiError, stubApi } from '../../test/stub-api.ts';
import { initialsOf } from '../../lib/initials.ts';
import { RecordHeader } from './record-header.tsx';

const ID = '4150868000002730001';
const MODULES = {
  modules: [
    {
      api_name: 'Accounts',
      plural_label: 'Companies',
      singular_label: 'Company',
      api_supported: true,
    },
  ],
};

function renderHeader() {
  return renderAt(<RecordHeader module="Accounts" recordId={ID} />, {
    path: '/:module/:recordId',
    url: `/Accounts/${ID}`,
    routes: [{ path: '/', element: <p>the pickers</p> }],
  });
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('RecordHeader', () => {
  it("names the record and its module's singular label, and remembers it", async () => {
    stubApi({
      '/api/modules': MODULES,
      [`/api/records/Accounts/${ID}`]: {
        id: ID,
        name: 'Zylker Inc',
        module: 'Accounts',
        hasPhotoField: true,
      },
    });
    renderHeader();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Loading the record…');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Zylker Inc' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Company')).toBeInTheDocument();
    expect(screen.getByText(`Id ${ID}`)).toBeInTheDocument();
    await waitFor(() =>
      expect(readRecentRecords()).toEqual([{ module: 'Accounts', id: ID, name: 'Zylker Inc' }]),
    );
  });

  it('leads back to the pickers, on the same module', async () => {
    stubApi({ '/api/modules': MODULES });
    const { router } = renderHeader();
    await userEvent.click(screen.getByRole('link', { name: 'Choose another record' }));
    expect(router.state.location.pathname).toBe('/');
    expect(router.state.location.search).toBe('?module=Accounts');
  });

  it('falls back on the module and id when the record cannot be read, remembering nothing', async () => {
    stubApi({
      '/api/modules': MODULES,
      [`/api/records/Accounts/${ID}`]: apiError(400, 'INVALID_DATA'),
    });
    renderHeader();
    expect(
      await screen.findByRole('heading', { level: 1, name: `Company ${ID}` }),
    ).toBeInTheDocument();
    expect(readRecentRecords()).toEqual([]);
  });
});

describe('initialsOf', () => {
  it.each([
    ['Patricia Boyle', 'PB'],
    ['Zylker', 'Z'],
    ['  ada   byron  lovelace ', 'AL'],
    ['élodie dupont', 'ÉD'],
  ])('%s -> %s', (name, initials) => expect(initialsOf(name)).toBe(initials));
});
