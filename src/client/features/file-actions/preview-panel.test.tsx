import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiPaths } from '../../../shared/api-contract.ts';
import { renderAt } from '../../test/render-app.tsx';
import { apiError, stubApi } from '../../test/stub-api.ts';
import { PreviewPanel } from './preview-panel.tsx';
import { testRow } from './test-rows.ts';

const ID = '4150868000002728001';
const GONE_TEXT =
  'The preview could not be loaded: this attachment no longer exists in Bigin (it was deleted); refresh the list.';

afterEach(() => vi.unstubAllGlobals());

const PREVIEWS = 'http://previews.test';

/** The panel showing the record's attachment `id` named `name`. */
const renderPanel = (id: string, name: string) =>
  renderAt(
    <PreviewPanel module="Contacts" recordId={ID} row={testRow(id, name)} onClose={() => {}} />,
  );

/** The app's answer minting a preview link for each of `ids`, on the preview origin or none. */
const linksFor = (ids: string[], separateOrigin = true) => ({
  [apiPaths.previewLinks('Contacts', ID, ids)]: {
    separateOrigin,
    expiresAt: Date.now() + 300_000,
    links: separateOrigin
      ? Object.fromEntries(ids.map((id) => [id, `${PREVIEWS}/preview/pv1.${id}`]))
      : {},
  },
});

const gone = () =>
  apiError(404, 'PROXY_ATTACHMENT_GONE', 'This attachment no longer exists in Bigin', {
    attachment_id: '7',
  });

describe('PreviewPanel, for an attachment Bigin no longer has', () => {
  it('says so for an image, with what to do, and offers no download', async () => {
    stubApi({ ...linksFor(['7']), [apiPaths.preview('Contacts', ID, '7')]: gone });
    renderPanel('7', 'photo.png');
    // The image element only says it failed; the panel asks the proxy why.
    fireEvent.error(await screen.findByRole('img', { name: 'photo.png' }));
    expect(await screen.findByText(GONE_TEXT)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /download/i })).toBeNull();
  });

  it('says so for a text file, from the answer it already has', async () => {
    const calls = stubApi({ [apiPaths.preview('Contacts', ID, '8')]: gone });
    renderPanel('8', 'notes.txt');
    expect(await screen.findByText(GONE_TEXT)).toBeTruthy();
    expect(calls).toHaveLength(1);
  });

  it('keeps the plain words and the download for any other failure', async () => {
    stubApi({
      ...linksFor(['9']),
      [apiPaths.preview('Contacts', ID, '9')]: () => new Response('not an image'),
    });
    renderPanel('9', 'broken.png');
    fireEvent.error(await screen.findByRole('img', { name: 'broken.png' }));
    expect(await screen.findByText('The preview could not be loaded.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download broken.png' })).toBeTruthy();
  });
});

describe('PreviewPanel, to work in', () => {
  const rows = [
    testRow('1', 'a.png', 2048),
    { ...testRow('2', 'Site', 0), $type: 'Link URL', $link_url: 'https://zylker.example' },
    testRow('3', 'b.pdf', 4096),
    testRow('4', 'c.zip', 10),
  ];

  function Panel({ start }: { start: string }) {
    const [row, setRow] = useState(rows.find((r) => r.id === start)!);
    return (
      <PreviewPanel
        module="Contacts"
        recordId={ID}
        row={row}
        rows={rows}
        onShow={setRow}
        onClose={() => {}}
      />
    );
  }

  it('goes through the files (not links) with the buttons and the arrow keys', async () => {
    stubApi({ ...linksFor(['1']), ...linksFor(['3']) });
    renderAt(<Panel start="1" />);
    const dialog = await screen.findByRole('dialog', { name: 'Preview of a.png' });
    expect(screen.getByRole('status')).toHaveTextContent('1 of 3');
    expect(screen.getByRole('button', { name: 'No previous file' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Next file: b.pdf' }));
    expect(await screen.findByRole('dialog', { name: 'Preview of b.pdf' })).toBeTruthy();
    expect(await screen.findByTitle('PDF document b.pdf')).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'ArrowRight' });
    expect(await screen.findByRole('dialog', { name: 'Preview of c.zip' })).toBeTruthy();
    expect(screen.getByText('This type of file cannot be previewed here.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'No next file' })).toBeDisabled();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'ArrowLeft' });
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'ArrowLeft' });
    expect(await screen.findByRole('dialog', { name: 'Preview of a.png' })).toBeTruthy();
    expect(dialog).toBeTruthy();
  });

  it('shows the file’s details and its download', async () => {
    stubApi({});
    renderAt(<Panel start="3" />);
    const list = await screen.findByLabelText('File details');
    expect(list).toHaveTextContent('TypePDF document');
    expect(list).toHaveTextContent('Size4 kB');
    expect(list).toHaveTextContent('OwnerPatricia Boyle');
    expect(list).toHaveTextContent(/Created.*2026.*by Patricia Boyle/);
    expect(screen.getByRole('link', { name: 'Download b.pdf' })).toHaveAttribute(
      'href',
      apiPaths.download('Contacts', ID, '3'),
    );
  });

  it('draws a small image larger, up to four times, and a large one at most its own size', async () => {
    stubApi(linksFor(['1']));
    renderAt(<Panel start="1" />);
    const image = await screen.findByRole('img', { name: 'a.png' });
    Object.defineProperty(image, 'naturalWidth', { value: 48 });
    Object.defineProperty(image, 'naturalHeight', { value: 32 });
    fireEvent.load(image);
    await waitFor(() => expect(getComputedStyle(image).opacity).toBe('1'));
    expect(getComputedStyle(image).width).toBe('192px');
    expect(getComputedStyle(image).maxWidth).toBe('100%');
    expect(screen.getByLabelText('File details')).toHaveTextContent('2 kB, 48 × 32 pixels');
  });
});

describe('PreviewPanel, from the preview origin', () => {
  it('shows an image and a PDF from their links there; the PDF’s frame gets no cookie', async () => {
    stubApi({ ...linksFor(['5']), ...linksFor(['6']) });
    const { unmount } = renderPanel('5', 'a.png');
    const image = await screen.findByRole('img', { name: 'a.png' });
    expect(image).toHaveAttribute('src', `${PREVIEWS}/preview/pv1.5`);
    unmount();
    renderPanel('6', 'b.pdf');
    const frame = await screen.findByTitle('PDF document b.pdf');
    expect(frame).toHaveAttribute('src', `${PREVIEWS}/preview/pv1.6`);
    expect(frame).toHaveAttribute('credentialless');
  });

  it('without one, offers a PDF as a download only, and says why', async () => {
    stubApi(linksFor(['6'], false));
    renderPanel('6', 'b.pdf');
    expect(await screen.findByText(/PDF files are not shown here on this server/)).toBeTruthy();
    expect(screen.queryByTitle('PDF document b.pdf')).toBeNull();
    expect(screen.getByRole('link', { name: 'Download b.pdf' })).toBeTruthy();
  });
});
