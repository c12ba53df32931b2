import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseGridView, writeGridView } from './grid-view-state.ts';

const parse = (query: string) => parseGridView(new URLSearchParams(query));

describe('the grid view in the URL', () => {
  it('reads page (one-based in the URL), size, sort, search, type and hidden columns', () => {
    expect(parse('page=3&size=50&sort=Size.desc&q=quote&type=pdfs&hide=Owner,Created_By')).toEqual({
      page: 2,
      pageSize: 50,
      sort: { field: 'Size', direction: 'desc' },
      search: 'quote',
      type: 'pdfs',
      hidden: ['Owner', 'Created_By'],
    });
  });

  it('tells "nothing hidden" (hide=) from a URL that does not say (no hide)', () => {
    expect(parse('hide=').hidden).toEqual([]);
    expect(parse('').hidden).toBeNull();
    expect(writeGridView({ ...DEFAULT_VIEW, hidden: [] }).toString()).toBe('hide=');
  });

  it('falls back to the default for anything malformed, rather than failing', () => {
    expect(
      parse('page=-1&size=200&sort=Secret.up&type=exe&hide=File_Name,Nope,Owner,Owner'),
    ).toEqual({
      ...DEFAULT_VIEW,
      hidden: ['Owner'],
    });
    expect(parse('page=abc&sort=Size')).toEqual(DEFAULT_VIEW);
  });

  it('writes a round trip, leaving defaults out and other parameters alone', () => {
    const view = {
      page: 4,
      pageSize: 100 as const,
      sort: { field: 'Modified_Time' as const, direction: 'asc' as const },
      search: 'a b',
      type: 'links' as const,
      hidden: ['Size'],
    };
    const written = writeGridView(view, new URLSearchParams('token=keep'));
    expect(written.get('token')).toBe('keep');
    expect(parseGridView(written)).toEqual(view);
    expect(writeGridView(DEFAULT_VIEW).toString()).toBe('');
  });
});
