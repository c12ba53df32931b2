import { describe, expect, it } from 'vitest';
import { photoProblem } from './photo-checks.ts';

describe('photoProblem', () => {
  it('takes a PNG, JPEG, GIF or WebP image', () => {
    expect(photoProblem({ name: 'me.png', size: 10, type: 'image/png' })).toBeNull();
    expect(photoProblem({ name: 'me.JPG', size: 10, type: 'image/jpeg' })).toBeNull();
  });

  it.each([
    ['logo.svg', 'image/svg+xml'],
    ['page.html', 'text/html'],
    ['me.png', 'text/html'],
    ['me.html', 'image/png'],
    ['scan.heic', 'image/heic'],
  ])('refuses %s (%s): only raster images whose name agrees', (name, type) =>
    expect(photoProblem({ name, size: 10, type })).toBe('Choose an image: PNG, JPEG, GIF or WebP.'),
  );

  it('refuses an image over the limit', () => {
    expect(photoProblem({ name: 'me.png', size: 2049, type: 'image/png' }, 2048)).toBe(
      'The photo is larger than 2 kB.',
    );
  });
});
