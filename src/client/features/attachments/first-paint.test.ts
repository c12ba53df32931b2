import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { docSampleAttachmentList } from '../../../shared/doc-samples.ts';
import { apiError, stubApi } from '../../test/stub-api.ts';
import { paintFirstFrame } from './first-paint.ts';

const FIRST_PAGE = '/api/records/Contacts/42/attachments?page=1&per_page=200';
const RECORD = '/api/records/Contacts/42';
const sample = docSampleAttachmentList.data[0]!;
const page = {
  data: Array.from({ length: 30 }, (_, i) => ({
    ...sample,
    id: String(900 + i),
    File_Name: `file ${i + 1}.${i % 2 ? 'pdf' : 'png'}`,
  })),
  info: { per_page: 200, count: 30, page: 1, more_records: false },
};
const record = { id: '42', name: 'Patricia Boyle', module: 'Contacts', hasPhotoField: true };
const api = { [FIRST_PAGE]: page, [RECORD]: record };

/** The width the page gives the grid: jsdom lays nothing out, so a test says it. */
let pageWidth = 1200;
beforeEach(() => {
  pageWidth = 1200;
  localStorage.clear();
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(
    () => ({ width: pageWidth }) as DOMRect,
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
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
  it("draws the app bar at once, then the record's header and the first grid page's rows", async () => {
    stubApi(api);
    paint('/Contacts/42');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Bigin Attachments' })).toHaveAttribute(
      'href',
      '/',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Loading the page…');

    const table = await screen.findByRole('table', { name: 'Attachments of Patricia Boyle' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Patricia Boyle');
    expect(screen.getByText('Id 42')).toBeVisible();
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + 25);
    expect(
      within(rows[0]!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
      // Created by and Modified by name the owner on every row: hidden, as the app hides them.
    ).toEqual(['File name', 'Size', 'Owner', 'Created', 'Modified']);
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'file 1.png',
      '354 kB',
      'Patricia Boyle',
      localTime(sample.Created_Time),
      localTime(sample.Modified_Time),
    ]);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('draws the list of a narrow page: each name, and under it its size and date', async () => {
    pageWidth = 343;
    stubApi(api);
    paint('/Contacts/42');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(
      within(rows[0]!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['File name']);
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([`file 1.png354 kB · ${localTime(sample.Modified_Time)}`]);
  });

  it('shows the columns the user chose last time, on any record', async () => {
    localStorage.setItem('bigin-attachments.hidden-columns', JSON.stringify(['Size']));
    stubApi(api);
    paint('/Contacts/42');
    const table = await screen.findByRole('table');
    expect(
      within(within(table).getAllByRole('row')[0]!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['File name', 'Owner', 'Created by', 'Created', 'Modified by', 'Modified']);
  });

  it("puts each name where the grid will, after an icon or an image's thumbnail", async () => {
    stubApi(api);
    paint('/Contacts/42');
    const table = await screen.findByRole('table');
    const names = within(table)
      .getAllByRole('row')
      .slice(1, 3)
      .map((row) => within(row).getAllByRole('cell')[0]!);
    expect(names.map((cell) => [cell.textContent, cell.className])).toEqual([
      ['file 1.png', 'name thumbnail'],
      ['file 2.pdf', 'name'],
    ]);
  });

  it('names the record as the app does without its name when the name does not come', async () => {
    stubApi({ [FIRST_PAGE]: page, [RECORD]: apiError(500, 'INTERNAL_ERROR') });
    paint('/Contacts/42');
    await screen.findByRole('table');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Contacts 42');
    expect(screen.getByRole('table')).toHaveAccessibleName('Attachments of this Contacts record');
  });

  it('follows the page size and hidden columns of the link', async () => {
    stubApi(api);
    paint('/Contacts/42', '?size=50&hide=Created_By,Modified_By');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 25); // at most what fits a screen
    expect(within(table).queryByRole('columnheader', { name: 'Created by' })).toBeNull();
  });

  it('asks for the first page and the record once and hands those answers on', async () => {
    const calls = stubApi(api);
    const { firstPaint } = paint('/Contacts/42');
    expect(firstPaint).toMatchObject({ module: 'Contacts', recordId: '42' });
    await expect(firstPaint!.firstPage).resolves.toEqual(page);
    await expect(firstPaint!.record).resolves.toEqual(record);
    await screen.findByRole('table');
    expect(calls).toEqual([FIRST_PAGE, RECORD]);
  });

  it('draws no rows for a view only the grid can show: sorted, searched, filtered, a later page', async () => {
    for (const search of ['?sort=Size.desc', '?q=file', '?type=pdfs', '?page=2']) {
      stubApi(api);
      const { root, firstPaint } = paint('/Contacts/42', search);
      await firstPaint!.firstPage;
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(within(root).getByRole('status')).toHaveTextContent('Loading the page…');
      expect(within(root).queryByRole('table')).toBeNull();
      root.remove();
    }
  });

  it('keeps to the loading message when the first page fails: the app shows the error', async () => {
    stubApi({ [FIRST_PAGE]: apiError(500, 'INTERNAL_ERROR'), [RECORD]: record });
    const { firstPaint } = paint('/Contacts/42');
    await expect(firstPaint!.firstPage).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(screen.getByRole('status')).toHaveTextContent('Loading the page…');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('leaves the page to the app once the app has drawn it', async () => {
    let answer = (_: Response) => {};
    stubApi({
      [FIRST_PAGE]: () => new Promise<Response>((resolve) => (answer = resolve)),
      [RECORD]: record,
    });
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
