import { screen, waitFor } from '@testing-library/react';
import { createElement, forwardRef, memo } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as DataGridModule from '@mui/x-data-grid';
import { apiPaths } from '../../../shared/api-contract.ts';
import { testPage, testRow } from '../file-actions/test-rows.ts';
import { renderAt } from '../../test/render-app.tsx';
import { json, stubApi } from '../../test/stub-api.ts';
import { AttachmentsGrid } from './attachments-grid.tsx';

/**
 * Each time the page hands the grid props that differ from the last: the grid is memoised on its
 * props, so this counts the renders of the whole grid from above (its own state's are not).
 */
const gridRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('@mui/x-data-grid', async (importOriginal) => {
  const actual = await importOriginal<typeof DataGridModule>();
  const Counted = memo(
    forwardRef<HTMLDivElement, Parameters<typeof actual.DataGrid>[0]>((props, ref) => {
      gridRenders.count += 1;
      return createElement(actual.DataGrid, { ...props, ref });
    }),
  );
  return { ...actual, DataGrid: Counted };
});

const ID = '4150868000002730001';
const rows = [testRow('1', 'photo.png'), testRow('2', 'report.pdf')];

/** An answer held back until `answer` is called, as a slow query's on a busy page. */
function held(body: unknown) {
  let answer = () => {};
  const response = new Promise<Response>((resolve) => {
    answer = () => resolve(json(body));
  });
  return { route: () => response, answer };
}

beforeEach(() => {
  localStorage.clear();
  gridRenders.count = 0;
});
afterEach(() => vi.unstubAllGlobals());

describe('AttachmentsGrid', () => {
  it('does not render the whole grid again when the session, modules and preview links answer after its rows', async () => {
    const session = held({ signedIn: true, mode: 'sandbox', csrfToken: 'csrf-1' });
    const modules = held({
      modules: [
        {
          api_name: 'Contacts',
          plural_label: 'Contacts',
          singular_label: 'Contact',
          api_supported: true,
        },
      ],
    });
    const links = held({
      separateOrigin: true,
      expiresAt: Date.now() + 300_000,
      links: { '1': 'http://previews.test/preview/pv1.1' },
    });
    const calls = stubApi({
      [apiPaths.attachments('Contacts', ID, 1, 200)]: testPage(rows),
      [apiPaths.record('Contacts', ID)]: {
        id: ID,
        name: 'Zylker',
        module: 'Contacts',
        hasPhotoField: false,
      },
      [apiPaths.session()]: session.route,
      [apiPaths.modules()]: modules.route,
      [apiPaths.previewLinks('Contacts', ID, ['1'])]: links.route,
    });
    renderAt(<AttachmentsGrid module="Contacts" recordId={ID} />, {
      path: '/:module/:recordId',
      url: `/Contacts/${ID}`,
    });
    expect(await screen.findByText('report.pdf')).toBeInTheDocument();
    await waitFor(() =>
      expect(calls).toEqual(
        expect.arrayContaining([
          apiPaths.session(),
          apiPaths.modules(),
          apiPaths.previewLinks('Contacts', ID, ['1']),
        ]),
      ),
    );
    const before = gridRenders.count;

    session.answer();
    modules.answer();
    links.answer();
    // The photo's thumbnail gets its address: every answer is in and shown.
    await waitFor(() =>
      expect(document.querySelector('img.file-thumbnail')).toHaveAttribute(
        'src',
        'http://previews.test/preview/pv1.1',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gridRenders.count).toBe(before);
  });
});
