import { fireEvent, screen } from '@testing-library/react';
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

const gone = () =>
  apiError(404, 'PROXY_ATTACHMENT_GONE', 'This attachment no longer exists in Bigin', {
    attachment_id: '7',
  });

describe('PreviewPanel, for an attachment Bigin no longer has', () => {
  it('says so for an image, with what to do, and offers no download', async () => {
    stubApi({ [apiPaths.preview('Contacts', ID, '7')]: gone });
    renderAt(
      <PreviewPanel
        module="Contacts"
        recordId={ID}
        row={testRow('7', 'photo.png')}
        onClose={() => {}}
      />,
    );
    // The image element only says it failed; the panel asks the proxy why.
    fireEvent.error(await screen.findByRole('img', { name: 'photo.png' }));
    expect(await screen.findByText(GONE_TEXT)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /download/i })).toBeNull();
  });

  it('says so for a text file, from the answer it already has', async () => {
    const calls = stubApi({ [apiPaths.preview('Contacts', ID, '8')]: gone });
    renderAt(
      <PreviewPanel
        module="Contacts"
        recordId={ID}
        row={testRow('8', 'notes.txt')}
        onClose={() => {}}
      />,
    );
    expect(await screen.findByText(GONE_TEXT)).toBeTruthy();
    expect(calls).toHaveLength(1);
  });

  it('keeps the plain words and the download for any other failure', async () => {
    stubApi({ [apiPaths.preview('Contacts', ID, '9')]: () => new Response('not an image') });
    renderAt(
      <PreviewPanel
        module="Contacts"
        recordId={ID}
        row={testRow('9', 'broken.png')}
        onClose={() => {}}
      />,
    );
    fireEvent.error(await screen.findByRole('img', { name: 'broken.png' }));
    expect(await screen.findByText('The preview could not be loaded.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download broken.png' })).toBeTruthy();
  });
});
