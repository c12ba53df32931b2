import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetCsrfToken } from '../../lib/api-client.ts';
import { testQueryClient } from '../../test/render-app.tsx';
import { attachmentKeys } from '../attachments/attachment-queries.ts';
import { apiError, json } from '../../test/stub-api.ts';
import { cachedRows } from './attachment-cache.ts';
import { testPage, testRow } from './test-rows.ts';
import { useDeleteAttachments } from './use-delete-attachments.ts';

const ID = '4150868000002728001';
const rows = [testRow('11', 'a.pdf'), testRow('12', 'b.pdf'), testRow('13', 'c.pdf')];

/** Bigin's answer to each DELETE, by attachment id; held until `release` is called. */
function stubDeletes(answers: Record<string, () => Response>) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const deletes: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input);
      if (path === '/api/session')
        return json({ signedIn: true, mode: 'sandbox', csrfToken: 'token-1' });
      if (init?.method === 'DELETE') {
        expect(new Headers(init.headers).get('X-CSRF-Token')).toBe('token-1');
        const id = path.split('/').pop()!;
        deletes.push(id);
        await held;
        return answers[id]!();
      }
      // The refetch after the delete: Bigin's list as it now is.
      return json(testPage(rows.filter((row) => !deletes.includes(row.id) || row.id === '12')));
    }),
  );
  return { release, deletes };
}

function setUp() {
  const queryClient = testQueryClient();
  queryClient.setQueryData(attachmentKeys.page('Contacts', ID, 1), testPage(rows));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const { result } = renderHook(() => useDeleteAttachments('Contacts', ID), { wrapper });
  const names = () => cachedRows(queryClient, 'Contacts', ID).map((row) => row.File_Name);
  return { result, names };
}

const deleted = (id: string) =>
  json({
    data: [{ code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' }],
  });

beforeEach(() => forgetCsrfToken());
afterEach(() => vi.unstubAllGlobals());

describe('useDeleteAttachments', () => {
  it('takes the rows out at once, before Bigin answers', async () => {
    const bigin = stubDeletes({ '11': () => deleted('11'), '13': () => deleted('13') });
    const { result, names } = setUp();
    act(() => result.current.mutate([rows[0]!, rows[2]!]));
    await waitFor(() => expect(names()).toEqual(['b.pdf']));
    bigin.release();
    await waitFor(() => expect(result.current.data?.deleted).toHaveLength(2));
    expect(names()).toEqual(['b.pdf']);
  });

  it('puts back the rows Bigin refuses to delete, and says why', async () => {
    const bigin = stubDeletes({
      '11': () => deleted('11'),
      '12': () => apiError(403, 'NO_PERMISSION', 'Permission denied to delete'),
    });
    const { result, names } = setUp();
    act(() => result.current.mutate([rows[0]!, rows[1]!]));
    await waitFor(() => expect(names()).toEqual(['c.pdf']));
    bigin.release();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.refused.map((row) => row.File_Name)).toEqual(['b.pdf']);
    expect((result.current.data?.error as { code: string }).code).toBe('NO_PERMISSION');
    expect(names()).toEqual(['b.pdf', 'c.pdf']);
  });

  it('treats an error item inside a 200 answer as a refusal', async () => {
    const bigin = stubDeletes({
      '13': () =>
        json({
          data: [
            {
              code: 'INVALID_DATA',
              details: {},
              message: 'the id given seems to be invalid',
              status: 'error',
            },
          ],
        }),
    });
    const { result, names } = setUp();
    act(() => result.current.mutate([rows[2]!]));
    await waitFor(() => expect(names()).toEqual(['a.pdf', 'b.pdf']));
    bigin.release();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.refused).toHaveLength(1);
    expect(names()).toContain('c.pdf');
  });
});
