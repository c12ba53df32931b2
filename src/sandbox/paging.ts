import { BIGIN_MAX_PER_PAGE } from '../shared/bigin-attachment.ts';
import { BiginFailure } from './bigin-failure.ts';

export interface PageQuery {
  page?: string;
  per_page?: string;
}

/** `page` from 1 and `per_page` from 1 to 200 (200 by default), as Bigin takes them. */
export function readPaging(query: PageQuery): { page: number; perPage: number } {
  const page = positiveInt(query.page, 1, 'page');
  const perPage = positiveInt(query.per_page, BIGIN_MAX_PER_PAGE, 'per_page');
  if (perPage > BIGIN_MAX_PER_PAGE) {
    throw new BiginFailure(
      'INVALID_DATA',
      { param_name: 'per_page', maximum_length: BIGIN_MAX_PER_PAGE },
      'invalid data',
    );
  }
  return { page, perPage };
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    throw new BiginFailure('INVALID_DATA', { param_name: name }, 'invalid data');
  }
  return Number(raw);
}

/** One page of a list, with Bigin's `info`; undefined when the page is empty (Bigin's 204). */
export function pageOf<T>(all: readonly T[], page: number, perPage: number) {
  const data = all.slice((page - 1) * perPage, page * perPage);
  if (data.length === 0) return undefined;
  return {
    data,
    info: {
      per_page: perPage,
      count: data.length,
      page,
      more_records: page * perPage < all.length,
    },
  };
}

/** `fields=a,b`: only those fields (and the id), as Bigin answers a field list. */
export function pickFields<T extends object>(item: T, fields: string | undefined): Partial<T> {
  if (!fields) return item;
  const wanted = new Set(['id', ...fields.split(',').map((f) => f.trim())]);
  return Object.fromEntries(Object.entries(item).filter(([k]) => wanted.has(k))) as Partial<T>;
}
