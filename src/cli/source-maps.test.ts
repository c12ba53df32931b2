import { expect, it } from 'vitest';
import viteConfig from '../../vite.config.ts';

it('builds source maps hidden: beside the bundle on disk, named nowhere in the shipped JS', () => {
  const config = viteConfig({
    command: 'build',
    mode: 'production',
    isSsrBuild: false,
    isPreview: false,
  });
  // `true` would end every chunk with a sourceMappingURL comment that tells a browser (and
  // anyone) to fetch the original sources.
  expect(config.build?.sourcemap).toBe('hidden');
});
