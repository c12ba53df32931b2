import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { warmUp } from './warm-up.ts';

afterEach(() => vi.unstubAllGlobals());

describe('warmUp', () => {
  it('asks for the first page of attachments at once on a deep link', () => {
    const fetch = vi.fn(() => new Promise<Response>(() => {}));
    vi.stubGlobal('fetch', fetch);
    warmUp('/Contacts/4150868000002728001', new QueryClient());
    expect(fetch).toHaveBeenCalledWith(
      '/api/records/Contacts/4150868000002728001/attachments?page=1&per_page=200',
      expect.anything(),
    );
  });

  it('asks for nothing elsewhere', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    for (const path of ['/', '/embed/Contacts/1', '/Contacts/abc', '/Contacts']) {
      warmUp(path, new QueryClient());
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});
