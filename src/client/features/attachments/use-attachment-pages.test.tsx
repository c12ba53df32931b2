import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { docSampleAttachmentList } from '../../../shared/doc-samples.ts';
import { useAttachmentPages } from './use-attachment-pages.ts';

const TOTAL = 1000;
const sample = docSampleAttachmentList.data[0]!;
let calls: string[];

/** Answers like the proxy: pages of up to 200 over a record with 1,000 attachments. */
function fakeProxy(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input), 'http://app.test');
  calls.push(url.pathname + url.search);
  const page = Number(url.searchParams.get('page'));
  const perPage = Number(url.searchParams.get('per_page'));
  const start = (page - 1) * perPage;
  const data = Array.from({ length: Math.max(0, Math.min(perPage, TOTAL - start)) }, (_, i) => ({
    ...sample,
    id: String(1_000_000 + start + i),
  }));
  const body = {
    data,
    info: { per_page: perPage, count: data.length, page, more_records: start + perPage < TOTAL },
  };
  return Promise.resolve(
    new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }),
  );
}

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
let client: QueryClient;

beforeEach(() => {
  calls = [];
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  vi.stubGlobal('fetch', vi.fn(fakeProxy));
});
afterEach(() => vi.unstubAllGlobals());

describe('useAttachmentPages', () => {
  it('fetches each Bigin page once, in order, as more rows are wanted', async () => {
    const { result, rerender } = renderHook(
      ({ wanted }) => useAttachmentPages('Contacts', '42', wanted),
      {
        wrapper,
        initialProps: { wanted: 50 },
      },
    );
    await waitFor(() => expect(result.current.rows).toHaveLength(200));
    expect(result.current.moreRecords).toBe(true);
    expect(calls).toEqual(['/api/records/Contacts/42/attachments?page=1&per_page=200']);

    rerender({ wanted: 250 });
    await waitFor(() => expect(result.current.rows).toHaveLength(400));

    // Far beyond the end: pages 3, 4 and 5, and no sixth, since page 5 says there is no more.
    rerender({ wanted: 5000 });
    await waitFor(() => expect(result.current.rows).toHaveLength(TOTAL));
    expect(result.current.moreRecords).toBe(false);
    expect(calls).toHaveLength(Math.ceil(TOTAL / 200));

    // Back to the start: everything is cached, nothing is fetched again.
    rerender({ wanted: 50 });
    expect(result.current.rows).toHaveLength(TOTAL);
    expect(calls).toHaveLength(5);
    expect(new Set(result.current.rows.map((r) => r.id)).size).toBe(TOTAL);
  });

  it('loads every page when asked to load all, still one call per page', async () => {
    const { result } = renderHook(() => useAttachmentPages('Contacts', '42', 25, true), {
      wrapper,
    });
    await waitFor(() => expect(result.current.rows).toHaveLength(TOTAL));
    expect(calls).toHaveLength(5);
  });

  it('reports a failure of the first page as an error with no rows', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response(
            JSON.stringify({
              code: 'INVALID_MODULE',
              details: {},
              message: 'm',
              status: 'error',
              requestId: 'r',
            }),
            {
              status: 400,
            },
          ),
        ),
      ),
    );
    const { result } = renderHook(() => useAttachmentPages('Foo', '1', 25), { wrapper });
    await waitFor(() => expect(result.current.error).not.toBeNull());
    expect(result.current.rows).toEqual([]);
    expect(result.current.error?.message).toBe('m');
  });
});
