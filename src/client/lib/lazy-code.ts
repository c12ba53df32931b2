import { CLIENT_ERROR_CODES, clientFailure } from './api-client.ts';

/** Code loaded when first asked for (an `import()`), and at hand once it has arrived. */
export interface LazyCode<M> {
  (): Promise<M>;
  loaded(): M | undefined;
}

/**
 * Wraps an `import()` of a page's code or of a library's part. Code that does not arrive (the
 * connection dropped, or a newer version of the app replaced its files) fails as
 * CLIENT_CODE_UNAVAILABLE, which the page's error boundary shows as a banner with a reload.
 */
export function lazyCode<M>(importCode: () => Promise<M>): LazyCode<M> {
  let module: M | undefined;
  const load = () =>
    importCode().then(
      (m) => (module = m),
      (error: unknown) => {
        throw clientFailure(
          CLIENT_ERROR_CODES.CODE_UNAVAILABLE,
          error instanceof Error ? error.message : String(error),
        );
      },
    );
  return Object.assign(load, { loaded: () => module });
}
