import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { DEFAULT_VIEW, type GridViewState } from '../attachments/grid-view-state.ts';
import { useRecordRows } from './use-record-rows.ts';

const TOTAL = 1000;
let calls: string[];

/** The proxy over a record of 1,000 attachments: notes 0000.txt, report 0001.pdf, ... */
function fakeProxy(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input), 'http://app.test');
  calls.push(url.search);
  const page = Number(url.searchParams.get('page'));
  const start = (page - 1) * 200;
  const data = Array.from({ length: Math.max(0, Math.min(200, TOTAL - start)) }, (_, i) => {
    const n = String(start + i).padStart(4, '0');
    return {
      id: String(1_000_000 + start + i),
      File_Name: i % 2 ? `report ${n}.pdf` : `notes ${n}.txt`,
      Size: String(start + i),
    };
  });
  const body = {
    data,
    info: { per_page: 200, count: data.length, page, more_records: start + 200 < TOTAL },
  };
  return Promise.resolve(
    new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }),
  );
}

let client: QueryClient;
const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={client}>{children}</QueryClientProvider>
);
const render = (view: Partial<GridViewState>, arrived: Attachment[] = []) =>
  renderHook(({ v, a }) => useRecordRows('Contacts', '42', { ...DEFAULT_VIEW, ...v }, a), {
    wrapper,
    initialProps: { v: view, a: arrived },
  });

beforeEach(() => {
  calls = [];
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  vi.stubGlobal('fetch', vi.fn(fakeProxy));
});
afterEach(() => vi.unstubAllGlobals());

describe('useRecordRows', () => {
  it('loads only what the plain view needs', async () => {
    const { result } = render({});
    await waitFor(() => expect(result.current.loaded.rows).toHaveLength(200));
    expect(result.current.loadingAll).toBe(false);
    expect(calls).toEqual(['?page=1&per_page=200']);
  });

  it('searches the whole record: every page once, in five calls', async () => {
    const { result } = render({ search: 'notes 0998' });
    await waitFor(() => expect(result.current.loaded.rows).toHaveLength(TOTAL));
    expect(result.current.loadingAll).toBe(false);
    expect(result.current.shown.map((row) => row.File_Name)).toEqual(['notes 0998.txt']);
    expect(calls).toHaveLength(5);
  });

  it('sorts and filters by type over every row', async () => {
    const { result } = render({ type: 'pdfs', sort: { field: 'Size', direction: 'desc' } });
    await waitFor(() => expect(result.current.loaded.rows).toHaveLength(TOTAL));
    expect(result.current.shown).toHaveLength(500);
    expect(result.current.shown[0]?.File_Name).toBe('report 0999.pdf');
  });

  it('stops when asked, and goes on when asked again', async () => {
    const { result } = render({ search: 'notes' });
    await waitFor(() => expect(result.current.loaded.rows.length).toBeGreaterThan(0));
    act(() => result.current.stop());
    const held = result.current.loaded.rows.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result.current.loaded.rows.length).toBeLessThanOrEqual(held + 200);
    expect(result.current.stopped || !result.current.loaded.moreRecords).toBe(true);
    act(() => result.current.loadRest());
    await waitFor(() => expect(result.current.loaded.rows).toHaveLength(TOTAL));
    expect(calls).toHaveLength(5);
  });

  it('shows a row just uploaded first, even when Bigin lists it on a page not loaded', async () => {
    const uploaded = { id: '9', File_Name: 'new.txt', Size: '3' };
    const { result } = render({}, [uploaded]);
    await waitFor(() => expect(result.current.loaded.rows).toHaveLength(200));
    expect(result.current.shown[0]).toEqual(uploaded);
    expect(result.current.held).toHaveLength(201);
  });
});
