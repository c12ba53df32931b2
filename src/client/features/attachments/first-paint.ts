import type { AttachmentPage } from '../../../shared/api-contract.ts';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { recordPageOf } from '../../../shared/record-page.ts';
import {
  ACTIONS_COLUMN_WIDTH,
  CHECKBOX_COLUMN_WIDTH,
  COLUMN_HEADER_HEIGHT,
  COLUMN_SIZES,
  GRID_HEIGHT,
  ROW_HEIGHT,
} from '../../app/record-page-geometry.ts';
import { messages } from '../../i18n/messages.ts';
import { fetchAttachmentPage } from './attachment-queries.ts';
import { columnText } from './column-text.ts';
import { parseGridView, SORTABLE_FIELDS, type SortableField } from './grid-view-state.ts';
import './first-paint.css';

/** A record page's first frame, and the first page of attachments it asked for. */
export interface FirstPaint {
  module: string;
  recordId: string;
  /** Asked for once, here: the app's query takes this answer over rather than asking again. */
  firstPage: Promise<AttachmentPage>;
}

/** Rows drawn at most: as many as the grid shows on a tall screen before scrolling. */
const MAX_ROWS = 25;

/**
 * Paints a deep link's first frame with the DOM alone, before React, MUI and the data grid (all
 * but a few kilobytes of the app's code) have loaded: the app bar at once, then the first page's
 * rows as soon as they arrive, laid out where the grid will show them, in its columns and row
 * heights, so that nothing moves when the app takes over the page. Rows are drawn only for the
 * view the grid opens on (first page, Bigin's order, no search); any other view shows that the
 * page is loading. Returns null, painting nothing, on any page other than a record's.
 */
export function paintFirstFrame(
  root: HTMLElement,
  { pathname, search }: { pathname: string; search: string },
): FirstPaint | null {
  const record = recordPageOf(pathname);
  if (!record) return null;
  const { module, recordId } = record;
  const firstPage = fetchAttachmentPage(module, recordId, 1);
  // A failure is the app's to show, with its banner.
  firstPage.catch(() => undefined);

  const loading = el('p', 'first-paint-loading', messages.app.loadingPage);
  loading.setAttribute('role', 'status');
  const main = el('main', 'first-paint-main', loading);
  root.replaceChildren(appBar(), main);

  const view = parseGridView(new URLSearchParams(search));
  if (view.page === 0 && !view.sort && !view.search) {
    const columns = SORTABLE_FIELDS.filter((field) => !view.hidden.includes(field));
    void firstPage.then(
      (page) => {
        const rows = page.data.slice(0, Math.min(view.pageSize, MAX_ROWS));
        // Once the app has the page, the frame is gone and stays gone.
        if (rows.length === 0 || !root.contains(main)) return;
        main.replaceChildren(
          // The record's name, the file actions and the row count come with the app; their
          // places are kept so that the rows below start where the grid's will.
          el('div', 'first-paint-record-header'),
          el('div', 'first-paint-file-toolbar'),
          firstRows(messages.attachments.gridLabel(module, recordId), columns, rows),
        );
      },
      () => undefined,
    );
  }
  return { module, recordId, firstPage };
}

/** The app's bar, as the app's layout draws it. */
function appBar(): HTMLElement {
  const home = el('a', '', messages.app.name);
  home.setAttribute('href', '/');
  const nav = el('nav', '', home);
  nav.setAttribute('aria-label', messages.app.mainNavigation);
  return el('header', 'first-paint-bar', nav);
}

function firstRows(label: string, columns: SortableField[], rows: Attachment[]): HTMLElement {
  const row = (cells: HTMLElement[]) => {
    const r = el('div', '', ...cells);
    r.setAttribute('role', 'row');
    return r;
  };
  const cell = (role: string, field: SortableField, text: string) => {
    const c = el('div', CLASS[field] ?? '', text);
    c.setAttribute('role', role);
    return c;
  };
  const table = el(
    'div',
    '',
    row(columns.map((field) => cell('columnheader', field, messages.attachments.columns[field]))),
    ...rows.map((attachment) =>
      row(columns.map((field) => cell('cell', field, columnText[field](attachment)))),
    ),
  );
  table.setAttribute('role', 'table');
  table.setAttribute('aria-label', label);

  // The grid's own toolbar, with its label, then the table.
  const grid = el('div', 'first-paint-grid', el('p', 'first-paint-grid-label', label), table);
  grid.setAttribute('aria-busy', 'true');
  const geometry: Record<string, string> = {
    '--first-paint-grid-height': `${GRID_HEIGHT.xs}px`,
    '--first-paint-grid-height-md': GRID_HEIGHT.md,
    '--first-paint-row-height': `${ROW_HEIGHT}px`,
    '--first-paint-header-height': `${COLUMN_HEADER_HEIGHT}px`,
    '--first-paint-tracks': tracks(columns),
  };
  for (const [name, value] of Object.entries(geometry)) grid.style.setProperty(name, value);
  return grid;
}

/** The grid's column widths as CSS grid tracks; the selection and actions columns stay empty. */
const tracks = (columns: SortableField[]) =>
  [
    ...columns.map((field) => {
      const size = COLUMN_SIZES[field];
      return 'width' in size ? `${size.width}px` : `minmax(${size.minWidth}px, ${size.flex}fr)`;
    }),
    `${CHECKBOX_COLUMN_WIDTH}px`,
    `${ACTIONS_COLUMN_WIDTH}px`,
  ].join(' ');

const CLASS: Partial<Record<SortableField, string>> = { File_Name: 'name', Size: 'size' };

function el(tag: string, className: string, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.append(...children);
  return element;
}
