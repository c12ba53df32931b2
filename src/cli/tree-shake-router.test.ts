import { describe, expect, it } from 'vitest';
import { markRouterPure } from './tree-shake-router.ts';

describe('markRouterPure', () => {
  it('marks the component and context factories pure and drops the developer-tools names', () => {
    const code = [
      'var NavLink = React10.forwardRef(function NavLink2(props, ref) {});',
      'NavLink.displayName = "NavLink";',
      'var RouteContext = React.createContext(null);',
      'var Memo = React3.memo(function Inner() {});',
      'var Other = MyReact.forwardRef(x);',
      '  FetcherForm2.displayName = "fetcher.Form";',
    ].join('\n');
    const out = markRouterPure(code).split('\n');
    expect(out[0]).toBe(
      'var NavLink = /* @__PURE__ */ React10.forwardRef(function NavLink2(props, ref) {});',
    );
    expect(out[1]).toBe('');
    expect(out[2]).toBe('var RouteContext = /* @__PURE__ */ React.createContext(null);');
    expect(out[3]).toBe('var Memo = /* @__PURE__ */ React3.memo(function Inner() {});');
    // Another object's method, and a statement inside a function, are left as they are.
    expect(out[4]).toBe('var Other = MyReact.forwardRef(x);');
    expect(out[5]).toBe('  FetcherForm2.displayName = "fetcher.Form";');
  });
});
