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

/** The file-type filter's choices: each groups some kinds of file (file-kind.ts's typeOf). */
export const FILE_TYPES = ['images', 'pdfs', 'documents', 'links', 'other'] as const;
export type FileType = (typeof FILE_TYPES)[number];

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
  /** Only attachments of this type, or all. */
  type: FileType | null;
  /**
   * The columns hidden, as the URL states them; null when it does not, and then the user's
   * remembered choice or the default decides (column-choice.ts).
   */
  hidden: string[] | null;
}

export const DEFAULT_VIEW: GridViewState = {
  page: 0,
  pageSize: 25,
  sort: null,
  search: '',
  type: null,
  hidden: null,
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
  const hide = params.get('hide');
  const hidden =
    hide === null
      ? null
      : hide.split(',').filter((f, i, all) => HIDEABLE_FIELDS.includes(f) && all.indexOf(f) === i);
  const type = params.get('type');
  return {
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page - 1 : 0,
    pageSize: PAGE_SIZES.includes(size as PageSize) ? (size as PageSize) : DEFAULT_VIEW.pageSize,
    sort,
    search: (params.get('q') ?? '').slice(0, 200),
    type: FILE_TYPES.includes(type as FileType) ? (type as FileType) : null,
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
  set('type', view.type);
  // `hide=` (empty) states that nothing is hidden, unlike no `hide` at all.
  set('hide', view.hidden ? view.hidden.join(',') : null);
  return params;
}

/** Whether the view searches, sorts or filters: then it is over every row of the record. */
export const isWholeRecordView = (view: Pick<GridViewState, 'search' | 'sort' | 'type'>) =>
  view.search !== '' || view.sort !== null || view.type !== null;
