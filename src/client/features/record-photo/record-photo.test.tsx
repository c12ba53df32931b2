import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetCsrfToken } from '../../lib/api-client.ts';
import { renderAt } from '../../test/render-app.tsx';
import { apiError, stubApi, type StubAnswer } from '../../test/stub-api.ts';
import { RecordPhoto } from './record-photo.tsx';

const ID = '4150868000002728101';
const PHOTO = `/api/records/Contacts/${ID}/photo`;

/** Opens the photo menu and chooses `file` for an upload; returns the calls the app made. */
async function upload(file: File, answer: StubAnswer) {
  const calls = stubApi({
    '/api/session': { signedIn: true, mode: 'sandbox', csrfToken: 'csrf-1' },
    [PHOTO]: answer,
  });
  renderAt(<RecordPhoto module="Contacts" recordId={ID} name="Sam Boyle" hasPhotoField />);
  const user = userEvent.setup({ applyAccept: false });
  await user.click(screen.getByRole('button', { name: 'Photo of Sam Boyle: change or remove' }));
  await user.click(await screen.findByRole('menuitem', { name: 'Upload a photo' }));
  await user.upload(screen.getByLabelText('Upload a photo'), file);
  return calls;
}

const png = (bytes = 100, name = 'me.png', type = 'image/png') =>
  new File([new Uint8Array(bytes)], name, { type });

beforeEach(() => forgetCsrfToken());
afterEach(() => vi.unstubAllGlobals());

describe('uploading a record photo', () => {
  it('says what to do when Bigin finds the photo has too many pixels', async () => {
    await upload(png(), () =>
      apiError(415, 'FILE_RESOLUTION_EXCEEDS', 'File exceeded its maximum limit', {
        resolution: 16_062_248,
      }),
    );
    expect(
      await screen.findByText(
        /^The photo was not changed: Bigin refused the photo because its resolution is higher than Bigin takes.*Scale the image down/,
      ),
    ).toBeVisible();
  });

  it('says what to do when Bigin finds the photo over 10 MB', async () => {
    await upload(png(), () =>
      apiError(413, 'FILE_SIZE_EXCEEDS', 'File exceeded its maximum limit', { size: 10485760 }),
    );
    expect(
      await screen.findByText(/at most 10 MB, and this one is larger\. Choose a smaller/),
    ).toBeVisible();
  });

  it('says which formats Bigin takes when it cannot read the file as one', async () => {
    await upload(png(), () => apiError(415, 'INVALID_DATA', 'invalid file type'));
    expect(
      await screen.findByText(
        /only as a PNG, JPEG, GIF or BMP image.*Choose an image in one of these formats/,
      ),
    ).toBeVisible();
  });

  it('refuses a photo over 10 MB before sending anything', async () => {
    const calls = await upload(png(10 * 1024 * 1024 + 1), { code: 'SUCCESS' });
    expect(
      await screen.findByText(/^The photo is larger than 10 MB: choose a smaller image/),
    ).toBeVisible();
    expect(calls).not.toContain(PHOTO);
  });

  it('sends a BMP, and says the photo is saved', async () => {
    const calls = await upload(png(100, 'scan.bmp', 'image/bmp'), {
      code: 'SUCCESS',
      details: {},
      message: 'photo uploaded successfully',
      status: 'success',
    });
    expect(await screen.findByText('Photo saved.')).toBeVisible();
    expect(calls).toContain(PHOTO);
  });
});

describe('a record without a photo', () => {
  /** The photos the page asked the browser to load. */
  let asked: string[];
  beforeEach(() => {
    asked = [];
    class RecordedImage {
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      set src(value: string) {
        asked.push(value);
        setTimeout(() => this.onload?.());
      }
    }
    vi.stubGlobal('Image', RecordedImage);
  });

  it('is never asked for its photo (no failed request in the console), until one is uploaded', async () => {
    stubApi({
      '/api/session': { signedIn: true, mode: 'sandbox', csrfToken: 'csrf-1' },
      [PHOTO]: { data: [{ code: 'SUCCESS', details: {}, message: 'ok', status: 'success' }] },
    });
    renderAt(
      <RecordPhoto
        module="Contacts"
        recordId={ID}
        name="Sam Boyle"
        hasPhotoField
        hasPhoto={false}
      />,
    );
    const menu = await screen.findByRole('button', {
      name: 'Photo of Sam Boyle: change or remove',
    });
    expect(asked).toEqual([]);
    const user = userEvent.setup({ applyAccept: false });
    await user.click(menu);
    await user.click(await screen.findByRole('menuitem', { name: 'Upload a photo' }));
    await user.upload(screen.getByLabelText('Upload a photo'), png());
    expect(await screen.findByText('Photo saved.')).toBeVisible();
    // Asked once the upload succeeded (the avatar asks again, with the photo's version).
    await vi.waitFor(() => expect(asked).toContain(PHOTO));
    expect(asked.every((src) => src.startsWith(PHOTO))).toBe(true);
  });

  it('is asked for when its detail does not say', async () => {
    stubApi({});
    renderAt(<RecordPhoto module="Contacts" recordId={ID} name="Sam Boyle" hasPhotoField />);
    await vi.waitFor(() => expect(asked).toContain(PHOTO));
  });
});
