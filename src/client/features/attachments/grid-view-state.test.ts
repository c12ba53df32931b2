import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseGridView, writeGridView } from './grid-view-state.ts';

const parse = (query: string) => parseGridView(new URLSearchParams(query));

describe('the grid view in the URL', () => {
  it('reads page (one-based in the URL), size, sort, search and hidden columns', () => {
    expect(parse('page=3&size=50&sort=Size.desc&q=quote&hide=Owner,Created_By')).toEqual({
      page: 2,
      pageSize: 50,
      sort: { field: 'Size', direction: 'desc' },
      search: 'quote',
      hidden: ['Owner', 'Created_By'],
    });
  });

  it('falls back to the default for anything malformed, rather than failing', () => {
    expect(parse('page=-1&size=200&sort=Secret.up&hide=File_Name,Nope,Owner,Owner')).toEqual({
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
      hidden: ['Size'],
    };
    const written = writeGridView(view, new URLSearchParams('token=keep'));
    expect(written.get('token')).toBe('keep');
    expect(parseGridView(written)).toEqual(view);
    expect(writeGridView(DEFAULT_VIEW).toString()).toBe('');
  });
});
