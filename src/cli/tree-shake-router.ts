import type { Plugin } from 'vite';

const ROUTER_BUILD = /[\\/]react-router[\\/]dist[\\/]production[\\/][^\\/]+\.mjs$/;

/**
 * React Router's production build as the bundler can leave out what the app never uses (its
 * Form, NavLink, fetchers, the framework mode's parts): its `React.forwardRef`, `createContext`
 * and `memo` calls marked pure, and the `Name.displayName = "..."` statements after them (names
 * for React's developer tools) dropped. Without these, each of them kept its component, and what
 * that component uses: about 1.6 kB brotli on every page (measured with the deep link's first
 * visit, `CLIENT_BENCH=bytes npm run bench -- client`).
 */
export function markRouterPure(code: string): string {
  return code
    .replace(/(?<![\w$.])(React\d*\.(?:forwardRef|createContext|memo)\()/g, '/* @__PURE__ */ $1')
    .replace(/^[\w$]+\.displayName = "[^"\n]*";$/gm, '');
}

/** The build's side of markRouterPure (the dev server bundles the development build). */
export function treeShakeRouter(): Plugin {
  return {
    name: 'tree-shake-router',
    apply: 'build',
    transform(code, id) {
      return ROUTER_BUILD.test(id) ? { code: markRouterPure(code), map: null } : undefined;
    },
  };
}
