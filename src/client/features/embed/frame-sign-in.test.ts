import { afterEach, describe, expect, it, vi } from 'vitest';
import { awaitCode, newSignInAttempt, nonceHashOf, openSignInWindow } from './frame-sign-in.ts';
import { keepFrameToken, readFrameToken } from './frame-token-store.ts';

afterEach(() => {
  vi.useRealTimers();
  keepFrameToken(null);
});

describe('a sign-in attempt', () => {
  it('keeps its nonce and hands out only its SHA-256, both base64url', async () => {
    const one = await newSignInAttempt();
    const two = await newSignInAttempt();
    expect(one.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(one.nonceHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(one.nonceHash).not.toBe(one.nonce);
    expect(two.nonce).not.toBe(one.nonce);
    expect(await nonceHashOf(one.nonce)).toBe(one.nonceHash);
    // SHA-256 of "abc", the standard's own example: frame-tokens.test.ts holds the proxy to it.
    expect(await nonceHashOf('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });

  it('opens the sign-in window with the hash, never the nonce', async () => {
    const attempt = await newSignInAttempt();
    const open = vi.fn(() => null);
    openSignInWindow(attempt, { open } as unknown as Window);
    expect(open).toHaveBeenCalledWith(
      `/auth/frame-sign-in?nonce_sha256=${attempt.nonceHash}`,
      'bigin-attachments-sign-in',
      'popup,width=520,height=680',
    );
  });
});

describe('waiting for the sign-in window’s code', () => {
  const popup = { closed: false } as unknown as Window & { closed: boolean };
  const post = (data: unknown, origin = window.location.origin, source: unknown = popup) =>
    window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
  const codeMessage = { source: 'bigin-attachments', type: 'sign-in-code', code: 'c-1' };

  it('takes it only from that window, at this page’s own origin, in its shape', async () => {
    const waited = awaitCode(popup);
    let settled = false;
    void waited.code.then(() => (settled = true));
    post(codeMessage, 'https://evil.example');
    post(codeMessage, window.location.origin, window);
    post({ ...codeMessage, type: 'ready' });
    post(JSON.stringify(codeMessage));
    await Promise.resolve();
    expect(settled).toBe(false);
    post(codeMessage);
    await expect(waited.code).resolves.toBe('c-1');
  });

  it('stops waiting when the window closes without a code', async () => {
    vi.useFakeTimers();
    const closing = { closed: false } as Window & { closed: boolean };
    const waited = awaitCode(closing, window, 100);
    closing.closed = true;
    await vi.advanceTimersByTimeAsync(250);
    await expect(waited.code).resolves.toBeNull();
  });
});

describe('where the frame token is kept', () => {
  it('in this tab’s storage, so that a reload in the same tab needs no sign-in', () => {
    keepFrameToken('bf1.kept');
    expect(window.sessionStorage.getItem('bigin-attachments.frame-token')).toBe('bf1.kept');
    expect(readFrameToken()).toBe('bf1.kept');
    keepFrameToken(null);
    expect(readFrameToken()).toBeNull();
  });

  it('in memory only where the frame may not use storage (third-party storage blocked)', () => {
    const refused = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
    keepFrameToken('bf1.memory', refused);
    expect(readFrameToken(refused)).toBe('bf1.memory');
  });
});
