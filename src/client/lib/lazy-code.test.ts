import { describe, expect, it } from 'vitest';
import { ApiClientError } from './api-client.ts';
import { lazyCode } from './lazy-code.ts';

describe('lazyCode', () => {
  it('keeps the page’s module at hand once it has arrived', async () => {
    const module = { Page: () => null };
    const code = lazyCode(() => Promise.resolve(module));
    expect(code.loaded()).toBeUndefined();
    await expect(code()).resolves.toBe(module);
    expect(code.loaded()).toBe(module);
  });

  it('fails as CLIENT_CODE_UNAVAILABLE when the code does not arrive', async () => {
    const code = lazyCode(() =>
      Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/x.js')),
    );
    const failure = await code().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiClientError);
    expect(failure).toMatchObject({
      code: 'CLIENT_CODE_UNAVAILABLE',
      message: 'Failed to fetch dynamically imported module: /assets/x.js',
    });
    expect(code.loaded()).toBeUndefined();
  });
});
