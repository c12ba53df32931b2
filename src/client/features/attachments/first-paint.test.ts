import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { docSampleAttachmentList } from '../../../shared/doc-samples.ts';
import { apiError, stubApi } from '../../test/stub-api.ts';
import { paintFirstFrame } from './first-paint.ts';

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

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

/** The user's locale and time zone, as the grid shows times. */
const localTime = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );

function paint(pathname: string, search = '') {
  const root = document.createElement('div');
  document.body.append(root);
  return { root, firstPaint: paintFirstFrame(root, { pathname, search }) };
}

describe('paintFirstFrame', () => {
  it("draws the app bar at once, then the first grid page's rows with the grid's columns", async () => {
    stubApi({ [FIRST_PAGE]: page });
    paint('/Contacts/42');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Bigin Attachments' })).toHaveAttribute(
      'href',
      '/',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Loading the page…');

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
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('follows the page size and hidden columns of the link', async () => {
    stubApi({ [FIRST_PAGE]: page });
    paint('/Contacts/42', '?size=50&hide=Created_By,Modified_By');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 25); // at most what fits a screen
    expect(within(table).queryByRole('columnheader', { name: 'Created by' })).toBeNull();
  });

  it('asks for the first page once and hands that answer on', async () => {
    const calls = stubApi({ [FIRST_PAGE]: page });
    const { firstPaint } = paint('/Contacts/42');
    expect(firstPaint).toMatchObject({ module: 'Contacts', recordId: '42' });
    await expect(firstPaint!.firstPage).resolves.toEqual(page);
    await screen.findByRole('table');
    expect(calls).toEqual([FIRST_PAGE]);
  });

  it('draws no rows for a view only the grid can show: sorted, searched, a later page', async () => {
    for (const search of ['?sort=Size.desc', '?q=file', '?page=2']) {
      stubApi({ [FIRST_PAGE]: page });
      const { root, firstPaint } = paint('/Contacts/42', search);
      await firstPaint!.firstPage;
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(within(root).getByRole('status')).toHaveTextContent('Loading the page…');
      expect(within(root).queryByRole('table')).toBeNull();
      root.remove();
    }
  });

  it('keeps to the loading message when the first page fails: the app shows the error', async () => {
    stubApi({ [FIRST_PAGE]: apiError(500, 'INTERNAL_ERROR') });
    const { firstPaint } = paint('/Contacts/42');
    await expect(firstPaint!.firstPage).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(screen.getByRole('status')).toHaveTextContent('Loading the page…');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('leaves the page to the app once the app has drawn it', async () => {
    let answer = (_: Response) => {};
    stubApi({ [FIRST_PAGE]: () => new Promise<Response>((resolve) => (answer = resolve)) });
    const { root } = paint('/Contacts/42');
    root.replaceChildren('the app');
    answer(new Response(JSON.stringify(page), { headers: { 'Content-Type': 'application/json' } }));
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(root.textContent).toBe('the app');
  });

  it('paints and asks for nothing on any other page', () => {
    const calls = stubApi({});
    for (const pathname of ['/', '/embed/Contacts/1', '/Contacts/abc', '/Contacts']) {
      const { root, firstPaint } = paint(pathname);
      expect(firstPaint).toBeNull();
      expect(root.childNodes).toHaveLength(0);
    }
    expect(calls).toEqual([]);
  });
});
