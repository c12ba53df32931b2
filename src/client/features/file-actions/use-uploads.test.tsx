import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetCsrfToken } from '../../lib/api-client.ts';
import { testQueryClient } from '../../test/render-app.tsx';
import { attachmentKeys } from '../attachments/attachment-queries.ts';
import { json } from '../../test/stub-api.ts';
import { testPage, testRow } from './test-rows.ts';
import { useUploads } from './use-uploads.ts';

const ID = '4150868000002728001';
const MB = 1024 * 1024;

/** A stand-in XMLHttpRequest: each send is kept for the test to answer or break. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  upload: { onprogress: ((e: { loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = '';
  timeout = 0;
  withCredentials = false;
  headers: Record<string, string> = {};
  body: FormData | null = null;
  open() {}
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

/** The record's list, as Bigin holds it when the app asks again. */
let listed = testPage([testRow('1', 'old.pdf')]);

beforeEach(() => {
  forgetCsrfToken();
  FakeXhr.sent = [];
  listed = testPage([testRow('1', 'old.pdf')]);
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) =>
      String(input) === '/api/session'
        ? json({ signedIn: true, mode: 'sandbox', csrfToken: 'token-1' })
        : json(listed),
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

function setUp() {
  const queryClient = testQueryClient();
  queryClient.setQueryData(attachmentKeys.page('Contacts', ID, 1), listed);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return renderHook(() => useUploads('Contacts', ID, 20 * MB), { wrapper }).result;
}

const file = (name: string, size: number) => new File([new Uint8Array(size)], name);
const phase = (result: ReturnType<typeof setUp>) => result.current.items[0]?.state.phase;

describe('useUploads', () => {
  it('sends nothing for a blocked type or a file over the limit', async () => {
    const result = setUp();
    act(() => result.current.add([file('setup.exe', 10), file('huge.bin', 20 * MB + 1)]));
    await waitFor(() =>
      expect(result.current.items.map((item) => item.state.phase)).toEqual([
        'rejected',
        'rejected',
      ]),
    );
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it('sends the file with the CSRF token and reports progress, then done', async () => {
    const result = setUp();
    act(() => result.current.add([file('Quote.pdf', 1000)]));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0]!;
    expect(xhr.headers['X-CSRF-Token']).toBe('token-1');
    // The size comes first: the proxy needs it before the file's first byte.
    expect([...xhr.body!.keys()]).toEqual(['size', 'file']);
    expect(xhr.body?.get('size')).toBe('1000');
    expect((xhr.body?.get('file') as File).name).toBe('Quote.pdf');
    act(() => xhr.upload.onprogress?.({ loaded: 400, total: 1000 }));
    expect(result.current.items[0]?.state).toEqual({ phase: 'sending', sent: 400, total: 1000 });
    act(() =>
      xhr.answer(200, {
        data: [{ code: 'SUCCESS', details: { id: '2' }, message: 'ok', status: 'success' }],
      }),
    );
    await waitFor(() => expect(phase(result)).toBe('done'));
  });

  it('after a lost answer, lists the record and says the file arrived: no retry offered', async () => {
    const result = setUp();
    act(() => result.current.add([file('Quote.pdf', 1000)]));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    listed = testPage([
      testRow('1', 'old.pdf'),
      testRow('2', 'Quote.pdf', 1000, new Date().toISOString()),
    ]);
    act(() => FakeXhr.sent[0]!.onerror?.());
    await waitFor(() => expect(phase(result)).toBe('arrived'));
    expect(FakeXhr.sent).toHaveLength(1);
  });

  it('after a 5xx, lists the record and, the file absent, offers a safe retry', async () => {
    const result = setUp();
    act(() => result.current.add([file('Quote.pdf', 1000)]));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    act(() =>
      FakeXhr.sent[0]!.answer(504, {
        code: 'PROXY_UPSTREAM_TIMEOUT',
        details: {},
        message: 'Bigin did not answer in time',
        status: 'error',
        requestId: 'r',
      }),
    );
    await waitFor(() => expect(phase(result)).toBe('not-arrived'));
    act(() => result.current.retry(result.current.items[0]!));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
  });

  it('a definite refusal says why, without listing again', async () => {
    const result = setUp();
    act(() => result.current.add([file('Quote.pdf', 1000)]));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const calls = vi.mocked(fetch).mock.calls.length;
    act(() =>
      FakeXhr.sent[0]!.answer(415, {
        code: 'PROXY_BLOCKED_TYPE',
        details: {},
        message: 'Files of this type may not be uploaded',
        status: 'error',
        requestId: 'r',
      }),
    );
    await waitFor(() => expect(phase(result)).toBe('refused'));
    expect(result.current.items[0]?.state).toMatchObject({
      reason: 'files of this type may not be uploaded.',
    });
    expect(vi.mocked(fetch).mock.calls.length).toBe(calls);
  });

  it('a file that changed while it was sent is refused with what to do', async () => {
    const result = setUp();
    act(() => result.current.add([file('Quote.pdf', 1000)]));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    act(() =>
      FakeXhr.sent[0]!.answer(400, {
        code: 'PROXY_UPLOAD_SIZE_MISMATCH',
        details: { stated_bytes: 1000, received_bytes: 998 },
        message: 'The file did not match the size stated for it',
        status: 'error',
        requestId: 'r',
      }),
    );
    await waitFor(() => expect(phase(result)).toBe('refused'));
    expect(result.current.items[0]?.state).toMatchObject({
      reason:
        'the file changed while it was being sent, so nothing was saved; choose it again and retry.',
    });
  });

  it('a cancel that Bigin did not see ends as cancelled', async () => {
    const result = setUp();
    act(() => result.current.add([file('Quote.pdf', 1000)]));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    act(() => result.current.cancel(result.current.items[0]!));
    await waitFor(() => expect(phase(result)).toBe('cancelled'));
  });
});
