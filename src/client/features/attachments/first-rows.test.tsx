import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { docSampleAttachmentList } from '../../../shared/doc-samples.ts';
import { renderAt } from '../../test/render-app.tsx';
import { stubApi } from '../../test/stub-api.ts';
import { FirstRows } from './first-rows.tsx';

const FIRST_PAGE = '/api/records/Contacts/42/attachments?page=1&per_page=200';
const sample = docSampleAttachmentList.data[0]!;
const page = {
  data: Array.from({ length: 30 }, (_, i) => ({
    ...sample,
    id: String(900 + i),
    File_Name: `file ${i + 1}.png`,
  })),
  info: { per_page: 200, count: 30, page: 1, more_records: false },
};

afterEach(() => vi.unstubAllGlobals());

/** The user's locale and time zone, as the grid shows times. */
const localTime = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );

const show = (url: string) =>
  renderAt(<FirstRows />, { path: '/:module/:recordId', url: `/Contacts/42${url}` });

describe('FirstRows', () => {
  it("shows the first grid page's rows, with the grid's columns and values", async () => {
    stubApi({ [FIRST_PAGE]: page });
    show('');
    const table = await screen.findByRole('table', { name: 'Attachments of Contacts record 42' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + 25);
    expect(
      within(rows[0]!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['File name', 'Size', 'Owner', 'Created by', 'Created', 'Modified by', 'Modified']);
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'file 1.png',
      '354 kB',
      'Patricia Boyle',
      'Patricia Boyle',
      localTime(sample.Created_Time),
      'Patricia Boyle',
      localTime(sample.Modified_Time),
    ]);
  });

  it('follows the page size and hidden columns of the link', async () => {
    stubApi({ [FIRST_PAGE]: page });
    show('?size=50&hide=Created_By,Modified_By');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 25); // at most what fits a screen
    expect(within(table).queryByRole('columnheader', { name: 'Created by' })).toBeNull();
  });

  it('waits for the grid on a view only the grid can show: sorted, searched, a later page', async () => {
    const calls = stubApi({ [FIRST_PAGE]: page });
    for (const query of ['?sort=Size.desc', '?q=file', '?page=2']) {
      const { unmount } = show(query);
      await vi.waitFor(() => expect(calls).toContain(FIRST_PAGE));
      expect(screen.getByText('Loading the page…')).toBeInTheDocument();
      expect(screen.queryByRole('table')).toBeNull();
      unmount();
    }
  });
});
