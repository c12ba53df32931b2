import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { lazyCode } from './lazy-code.ts';

interface MaybeClosed {
  open?: boolean;
  keepMounted?: boolean;
}

/**
 * A component of a library's whose code loads when it first has something to show: a popper, a
 * panel's input. Shown closed (`open` false, nothing kept mounted) before its code has arrived,
 * it is nothing, and nothing is asked for; otherwise its code is fetched and it appears when it
 * arrives (nothing in its place meanwhile); code that does not arrive fails as
 * CLIENT_CODE_UNAVAILABLE. The build puts it in place of the library's own import where that
 * import would load code the page does not need at first (lazy-imports.ts).
 */
export function lazyPart<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> {
  const code = lazyCode(load);
  const Part = lazy(code);
  function LazyPart(props: P) {
    const { open, keepMounted } = props as MaybeClosed;
    if (open === false && !keepMounted && !code.loaded()) return null;
    return (
      <Suspense fallback={null}>
        <Part {...props} />
      </Suspense>
    );
  }
  return LazyPart;
}

/** A library's render function (`(params) => <Cell {...params} />`) whose component is a lazyPart. */
export function lazyRender<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): (params: P) => ReactNode {
  const Part = lazyPart(load);
  return function render(params: P) {
    return <Part {...params} />;
  };
}
