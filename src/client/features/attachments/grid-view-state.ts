/**
 * The grid's view, as it lives in the URL's query: a copied link, a reload, or back and forward
 * give the same view. Defaults are left out of the URL so plain links stay plain.
 */
export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const SORTABLE_FIELDS = [
  'File_Name',
  'Size',
  'Owner',
  'Created_By',
  'Created_Time',
  'Modified_By',
  'Modified_Time',
] as const;
export type SortableField = (typeof SORTABLE_FIELDS)[number];
export const HIDEABLE_FIELDS: readonly string[] = SORTABLE_FIELDS.filter((f) => f !== 'File_Name');

export interface GridSort {
  field: SortableField;
  direction: 'asc' | 'desc';
}

export interface GridViewState {
  /** Zero-based, as the grid counts; one-based in the URL, as people count. */
  page: number;
  pageSize: PageSize;
  sort: GridSort | null;
  search: string;
  hidden: string[];
}

export const DEFAULT_VIEW: GridViewState = {
  page: 0,
  pageSize: 25,
  sort: null,
  search: '',
  hidden: [],
};

/** Reads a view from the query; anything malformed falls back to the default, never an error. */
export function parseGridView(params: URLSearchParams): GridViewState {
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  const [field, direction] = (params.get('sort') ?? '').split('.');
  const sort =
    SORTABLE_FIELDS.includes(field as SortableField) &&
    (direction === 'asc' || direction === 'desc')
      ? { field: field as SortableField, direction: direction as GridSort['direction'] }
      : null;
  const hidden = (params.get('hide') ?? '')
    .split(',')
    .filter((f, i, all) => HIDEABLE_FIELDS.includes(f) && all.indexOf(f) === i);
  return {
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page - 1 : 0,
    pageSize: PAGE_SIZES.includes(size as PageSize) ? (size as PageSize) : DEFAULT_VIEW.pageSize,
    sort,
    search: (params.get('q') ?? '').slice(0, 200),
    hidden,
  };
}

/** Writes a view into a query, keeping any parameter the grid does not own. */
export function writeGridView(view: GridViewState, into = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(into);
  const set = (key: string, value: string | null) =>
    value === null ? params.delete(key) : params.set(key, value);
  set('page', view.page > 0 ? String(view.page + 1) : null);
  set('size', view.pageSize !== DEFAULT_VIEW.pageSize ? String(view.pageSize) : null);
  set('sort', view.sort ? `${view.sort.field}.${view.sort.direction}` : null);
  set('q', view.search !== '' ? view.search : null);
  set('hide', view.hidden.length ? view.hidden.join(',') : null);
  return params;
}
