import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { DOC_SAMPLE_ATTACHMENT_ID } from '../src/shared/doc-samples.ts';
import {
  DOC_REQUEST_RECORD_ID,
  HOSTILE_NAMES_RECORD_ID,
  NOTABLE_RECORDS,
} from '../src/sandbox/seed-ids.ts';
import { expectNoSeriousAxeIssues } from './support/axe.ts';
import { readZip } from '../src/server/test-support/read-zip.ts';
import { addFault, removeFault } from './support/sandbox-control.ts';
import { listed, sandboxBytes, spareContact, uploadThroughProxy } from './support/sandbox-files.ts';
import { expect, test } from './support/test.ts';

const docSample = NOTABLE_RECORDS.docSample;
const grid = (page: Page) => page.getByRole('grid', { name: /Attachments of/ });
const row = (page: Page, name: string) =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) });

test('a file downloads whole, with its name, from its button and from Enter on its row', async ({
  page,
}) => {
  await page.goto(`/Contacts/${docSample.id}`);
  const [file] = await listed(page, 'Contacts', docSample.id);
  const expected = await sandboxBytes(
    page.request,
    'Contacts',
    docSample.id,
    DOC_SAMPLE_ATTACHMENT_ID,
  );

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: `Download ${file!.File_Name}` }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(file!.File_Name);
  expect(await readFile((await saved.path())!)).toEqual(expected);
  // Still on the grid: the download did not navigate away.
  await expect(grid(page)).toBeVisible();

  const again = page.waitForEvent('download');
  await row(page, file!.File_Name).locator('[data-field="Size"]').click();
  await page.keyboard.press('Enter');
  expect((await again).suggestedFilename()).toBe(file!.File_Name);
});

test('a non-ASCII name survives the download', async ({ page }) => {
  const name = 'Résumé – Zoë Ünal.pdf';
  await page.goto(`/Contacts/${HOSTILE_NAMES_RECORD_ID}?q=${encodeURIComponent('Zoë Ünal')}`);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: `Download ${name}` }).click();
  expect((await download).suggestedFilename()).toBe(name);
});

test('several files as one ZIP: progress, then every file whole, and a failed one named', async ({
  page,
}) => {
  const files = await (async () => {
    await page.goto(`/Contacts/${DOC_REQUEST_RECORD_ID}`);
    return listed(page, 'Contacts', DOC_REQUEST_RECORD_ID);
  })();
  const failing = files.find((f) => f.File_Name.endsWith('.pdf'))!;
  const fault = await addFault(page.request, {
    kind: 'error',
    match: { recordId: DOC_REQUEST_RECORD_ID, attachmentId: failing.id, method: 'GET' },
  });
  try {
    await grid(page)
      .getByRole('checkbox', { name: /select all/i })
      .check();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `Download ${files.length} files as ZIP` }).click();
    const dialog = page.getByRole('dialog', { name: 'Downloading as a ZIP' });
    const saved = await download;
    // Done, the dialog closes itself; the snackbar says what the ZIP holds and what it lacks.
    await expect(dialog).toBeHidden();
    const notice = page.getByRole('alert').filter({ hasText: 'The ZIP is saved with' });
    await expect(notice).toContainText(
      `The ZIP is saved with ${files.length - 1} files. One file could not be included`,
    );
    await expect(notice).toContainText(failing.File_Name);
    // Every entry's CRC is checked as it is read: a ZIP that reads is a ZIP that is whole.
    const entries = new Map(
      readZip(await readFile((await saved.path())!)).map((e) => [e.name, e.bytes]),
    );
    for (const file of files.filter((f) => f !== failing)) {
      const bytes = await sandboxBytes(page.request, 'Contacts', DOC_REQUEST_RECORD_ID, file.id);
      expect(entries.get(file.File_Name), file.File_Name).toEqual(bytes);
    }
    expect(entries.get('NOT-INCLUDED.txt')?.toString()).toContain(failing.File_Name);
    // It stays until read: what is missing must not go unseen.
    await notice.getByRole('button', { name: 'Close' }).click();
    await expect(notice).toBeHidden();
  } finally {
    await removeFault(page.request, fault);
  }
});

/** A valid mono 8 kHz 16-bit PCM WAV of `ms` milliseconds of silence. */
function silentWav(ms: number): Buffer {
  const samples = Math.round((8000 * ms) / 1000);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  return wav;
}

test('audio and video preview in the panel, served sandboxed from the preview origin', async ({
  page,
}) => {
  const recordId = await spareContact(page, 8);
  await page.goto(`/Contacts/${recordId}`);
  const sound = { name: 'Voicemail.wav', mimeType: 'audio/wav', buffer: silentWav(300) };
  // A real WebM, recorded from a canvas by the browser itself.
  const webm = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const paint = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    for (let frame = 0; frame < 10; frame += 1) {
      paint.fillStyle = `hsl(${frame * 36}, 80%, 50%)`;
      paint.fillRect(0, 0, 64, 48);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    recorder.stop();
    await stopped;
    return Array.from(new Uint8Array(await new Blob(chunks).arrayBuffer()));
  });
  const clip = { name: 'Demo clip.webm', mimeType: 'video/webm', buffer: Buffer.from(webm) };
  for (const file of [sound, clip]) {
    expect((await uploadThroughProxy(page, 'Contacts', recordId, file)).ok()).toBe(true);
  }
  await page.reload();

  await page.getByRole('button', { name: `Preview ${sound.name}` }).click();
  const audio = page.getByRole('dialog', { name: `Preview of ${sound.name}` }).locator('audio');
  await expect(audio).toHaveAttribute('src', /\/preview\/pv1\./);
  // The browser reads the sound's length: the bytes arrived whole and playable.
  await expect
    .poll(() => audio.evaluate((el: HTMLAudioElement) => el.duration))
    .toBeCloseTo(0.3, 1);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: `Preview ${clip.name}` }).click();
  const video = page.getByRole('dialog', { name: `Preview of ${clip.name}` }).locator('video');
  // The browser reads the clip's picture size: the bytes arrived whole and playable.
  await expect.poll(() => video.evaluate((el: HTMLVideoElement) => el.videoWidth)).toBe(64);
  const served = await page.request.get((await video.getAttribute('src'))!);
  expect(served.headers()['content-type']).toBe('video/webm');
  expect(served.headers()['content-security-policy']).toContain('sandbox');
  expect(await served.body()).toEqual(clip.buffer);
});

test('preview shows images, PDF and text in a side panel; Escape closes it and focus returns', async ({
  page,
}) => {
  await page.goto(`/Contacts/${DOC_REQUEST_RECORD_ID}`);
  const files = await listed(page, 'Contacts', DOC_REQUEST_RECORD_ID);
  const png = files.find((f) => f.File_Name.endsWith('.png'))!;
  const pdf = files.find((f) => f.File_Name.endsWith('.pdf'))!;
  const text = files.find((f) => f.File_Name.endsWith('.txt'))!;

  const open = async (name: string) => {
    const button = page.getByRole('button', { name: `Preview ${name}` });
    await button.click();
    const panel = page.getByRole('dialog', { name: `Preview of ${name}` });
    await expect(panel).toBeVisible();
    return { button, panel };
  };

  const image = await open(png.File_Name);
  const img = image.panel.getByRole('img', { name: png.File_Name });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  await expectNoSeriousAxeIssues(page);
  await page.keyboard.press('Escape');
  await expect(image.panel).toBeHidden();
  await expect(image.button).toBeFocused();

  const document = await open(pdf.File_Name);
  const frame = document.panel.locator('iframe');
  await expect(frame).toHaveAttribute('title', `PDF document ${pdf.File_Name}`);
  const served = await page.request.get((await frame.getAttribute('src'))!);
  expect(served.headers()['content-type']).toContain('application/pdf');
  expect(served.headers()['content-security-policy']).toContain('sandbox');
  await page.keyboard.press('Escape');

  const notes = await open(text.File_Name);
  await expect(notes.panel.locator('pre')).not.toBeEmpty();
  await notes.panel.getByRole('button', { name: 'Close the preview' }).click();
  await expect(notes.button).toBeFocused();
});

test('thumbnails: image rows show a small picture, loaded lazily', async ({ page }) => {
  await page.goto(`/Contacts/${DOC_REQUEST_RECORD_ID}`);
  const thumbnail = grid(page).locator('img[loading="lazy"]').first();
  await expect(thumbnail).toHaveAttribute('src', /\/preview\/pv1\./);
  await expect
    .poll(() => thumbnail.evaluate((el: HTMLImageElement) => el.naturalWidth))
    .toBeGreaterThan(0);
});
