import {
  apiPaths,
  recordDetailSchema,
  type AttachmentPage,
  type RecordDetail,
} from '../../../shared/api-contract.ts';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { recordPageOf } from '../../../shared/record-page.ts';
import {
  ACTIONS_COLUMN_WIDTH,
  CHECKBOX_COLUMN_WIDTH,
  COLUMN_SIZES,
  LIST_LAYOUT,
} from '../../app/record-page-geometry.ts';
import { messages } from '../../i18n/messages.ts';
import { apiGet } from '../../lib/api-client.ts';
import { rememberedModuleLabel } from '../../lib/module-labels.ts';
import { hasThumbnail } from './preview-kind.ts';
import { fetchAttachmentPage } from './attachment-queries.ts';
import { hiddenColumns } from './column-choice.ts';
import { columnText, listMetaText } from './column-text.ts';
import {
  isWholeRecordView,
  parseGridView,
  SORTABLE_FIELDS,
  type SortableField,
} from './grid-view-state.ts';
// The theme's colours and type, and the page's sizes, as CSS (first-paint-theme.ts).
import 'virtual:first-paint-theme.css';
import './first-paint.css';

/** A record page's first frame, and what it asked the proxy for. */
export interface FirstPaint {
  module: string;
  recordId: string;
  /** Asked for once, here: the app's query takes this answer over rather than asking again. */
  firstPage: Promise<AttachmentPage>;
  /** The record's name, drawn in the header above the rows; the app's query takes it over too. */
  record: Promise<RecordDetail>;
}

/** Rows drawn at most: as many as the grid shows on a tall screen before scrolling. */
const MAX_ROWS = 25;

/**
 * Paints a deep link's first frame with the DOM alone, before React, MUI and the data grid (all
 * but a few kilobytes of the app's code) have loaded: the app bar at once, then, once the first
 * page and the record's name have arrived, the record header, the file toolbar's place and the
 * first page's rows, laid out where the app will show them (the record page's geometry, in
 * first-paint-theme.ts's CSS), so that nothing moves when the app takes over the page: the same
 * columns (hidden as the app will hide them, column-choice.ts), or on a narrow page the same list.
 * Rows are drawn only for the view the grid opens on (first page, Bigin's order, no search or
 * filter); any other view shows that the page is loading. Returns null, painting nothing, on any
 * page other than a record's.
 */
export function paintFirstFrame(
  root: HTMLElement,
  { pathname, search }: { pathname: string; search: string },
): FirstPaint | null {
  const found = recordPageOf(pathname);
  if (!found) return null;
  const { module, recordId } = found;
  const firstPage = fetchAttachmentPage(module, recordId, 1);
  const record = apiGet(apiPaths.record(module, recordId), recordDetailSchema);
  // A failure is the app's to show, with its banner.
  firstPage.catch(() => undefined);
  record.catch(() => undefined);

  const loading = el('p', 'first-paint-loading', messages.app.loadingPage);
  loading.setAttribute('role', 'status');
  const main = el('main', 'first-paint-main first-paint-type-body1', loading);
  root.replaceChildren(appBar(), main);

  const view = parseGridView(new URLSearchParams(search));
  if (view.page === 0 && !isWholeRecordView(view)) {
    // The header waits for the record's name: a long one wraps, and the rows start below it.
    // Without a name, the header says what the app's does then.
    const name = record.then(
      (detail) => detail.name,
      () => null,
    );
    void Promise.all([firstPage, name]).then(
      ([page, recordName]) => {
        const rows = page.data.slice(0, Math.min(view.pageSize, MAX_ROWS));
        // Once the app has the page, the frame is gone and stays gone.
        if (rows.length === 0 || !root.contains(main)) return;
        const label = messages.attachments.gridLabel(
          recordName,
          rememberedModuleLabel(module) ?? module,
        );
        const files = el('div', 'first-paint-files', fileToolbar(), statusLine());
        main.replaceChildren(recordHeader(module, recordId, recordName), files);
        // The grid's width decides between table and list, and which columns a table shows, as
        // the app's does (measured before the browser paints: the rows are drawn in this task).
        const width = files.getBoundingClientRect().width;
        const list = width < LIST_LAYOUT.below;
        const hidden = hiddenColumns(view, page.data, width);
        const columns = SORTABLE_FIELDS.filter((field) => !hidden.includes(field));
        files.append(firstRows(label, list ? ['File_Name'] : columns, rows, list));
      },
      () => undefined,
    );
  }
  return { module, recordId, firstPage, record };
}

/** The app's bar, as the app's layout draws it. */
function appBar(): HTMLElement {
  const home = el('a', 'first-paint-type-h6', messages.app.name);
  home.setAttribute('href', '/');
  const nav = el('nav', '', home);
  nav.setAttribute('aria-label', messages.app.mainNavigation);
  return el('header', 'first-paint-bar', nav);
}

/**
 * The record header, as the app draws it once it has the record's name: the back button's place,
 * the photo's, then the module, the name and the id.
 */
function recordHeader(module: string, recordId: string, name: string | null): HTMLElement {
  const words = messages.recordHeader;
  // The module's one name, Bigin's label, as the app's header shows it (when known here).
  const label = rememberedModuleLabel(module) ?? module;
  const back = el('span', `${BUTTON} first-paint-text-button`, words.backToPickers);
  return el(
    'header',
    'first-paint-record-header',
    el('div', '', back),
    el(
      'div',
      'first-paint-record',
      el('div', 'first-paint-photo'),
      el(
        'div',
        'first-paint-record-words',
        el('p', 'first-paint-type-overline', label),
        el('h1', 'first-paint-type-h5', name ?? words.unnamed(label, recordId)),
        el('span', 'first-paint-type-caption', words.recordId(recordId)),
      ),
    ),
  );
}

/**
 * The file toolbar's place: its buttons, with their words, keep the room the app's will take (on a
 * narrow screen they wrap onto a second line); they come to life with the app.
 */
function fileToolbar(): HTMLElement {
  const words = messages.fileActions;
  return el(
    'div',
    'first-paint-file-toolbar',
    ...[
      words.uploadFiles,
      words.attachLink,
      words.downloadSelected(0),
      words.deleteSelected(0),
    ].map((text) => el('span', BUTTON, text)),
  );
}

const BUTTON = 'first-paint-button first-paint-type-button';

/** The status line below the toolbar: the count of rows loaded comes with the app. */
const statusLine = () => el('div', 'first-paint-status');

function firstRows(
  label: string,
  columns: SortableField[],
  rows: Attachment[],
  list: boolean,
): HTMLElement {
  const row = (cells: HTMLElement[]) => {
    const r = el('div', '', ...cells);
    r.setAttribute('role', 'row');
    return r;
  };
  const cell = (role: string, className: string, ...content: (Node | string)[]) => {
    const c = el('div', className, ...content);
    c.setAttribute('role', role);
    return c;
  };
  // In the list, the name and under it its size and date, as the app's list draws them.
  const content = (field: SortableField, attachment: Attachment) =>
    list && field === 'File_Name'
      ? [
          el('span', 'first-paint-name', columnText.File_Name(attachment)),
          el('span', 'first-paint-meta first-paint-type-caption', listMetaText(attachment)),
        ]
      : [columnText[field](attachment)];
  // The grid puts an icon, or an image's thumbnail, before each name.
  const bodyClass = (field: SortableField, attachment: Attachment) =>
    field === 'File_Name'
      ? hasThumbnail(attachment)
        ? 'name thumbnail'
        : 'name'
      : (CLASS[field] ?? '');
  const table = el(
    'div',
    '',
    row(
      columns.map((field) =>
        cell('columnheader', CLASS[field] ?? '', messages.attachments.columns[field]),
      ),
    ),
    ...rows.map((attachment) =>
      row(
        columns.map((field) =>
          cell('cell', bodyClass(field, attachment), ...content(field, attachment)),
        ),
      ),
    ),
  );
  table.setAttribute('role', 'table');
  table.setAttribute('aria-label', label);

  // The grid's own toolbar, with its label, then the table.
  const grid = el(
    'div',
    `first-paint-grid first-paint-type-body2${list ? ' list' : ''}`,
    el('p', 'first-paint-grid-label first-paint-type-body1', label),
    table,
  );
  grid.setAttribute('aria-busy', 'true');
  grid.style.setProperty('--first-paint-tracks', tracks(columns, list));
  return grid;
}

/**
 * The grid's column widths as CSS grid tracks: the selection checkboxes first and the actions
 * last, both left empty (first-paint.css starts each row's cells after the checkbox's track).
 */
const tracks = (columns: SortableField[], list: boolean) =>
  [
    `${CHECKBOX_COLUMN_WIDTH}px`,
    ...(list
      ? ['minmax(0, 1fr)']
      : columns.map((field) => {
          const size = COLUMN_SIZES[field];
          return 'width' in size ? `${size.width}px` : `minmax(${size.minWidth}px, ${size.flex}fr)`;
        })),
    `${list ? LIST_LAYOUT.actionsWidth : ACTIONS_COLUMN_WIDTH}px`,
  ].join(' ');

const CLASS: Partial<Record<SortableField, string>> = { Size: 'size' };

function el(tag: string, className: string, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.append(...children);
  return element;
}
