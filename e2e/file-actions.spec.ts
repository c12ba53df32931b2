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
import { listed, sandboxBytes } from './support/sandbox-files.ts';
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
    await page.getByRole('button', { name: `Download ${files.length} as ZIP` }).click();
    const dialog = page.getByRole('dialog', { name: 'Downloading as a ZIP' });
    const saved = await download;
    await expect(dialog.getByRole('status')).toContainText(
      `The ZIP is saved with ${files.length - 1} files.`,
    );
    await expect(dialog.getByRole('list', { name: /could not be included/ })).toContainText(
      failing.File_Name,
    );
    // Every entry's CRC is checked as it is read: a ZIP that reads is a ZIP that is whole.
    const entries = new Map(
      readZip(await readFile((await saved.path())!)).map((e) => [e.name, e.bytes]),
    );
    for (const file of files.filter((f) => f !== failing)) {
      const bytes = await sandboxBytes(page.request, 'Contacts', DOC_REQUEST_RECORD_ID, file.id);
      expect(entries.get(file.File_Name), file.File_Name).toEqual(bytes);
    }
    expect(entries.get('NOT-INCLUDED.txt')?.toString()).toContain(failing.File_Name);
    await dialog.getByRole('button', { name: 'Close' }).click();
  } finally {
    await removeFault(page.request, fault);
  }
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
  await page.screenshot({ path: 'docs/screenshots/preview-panel.png' });
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
  await expect(thumbnail).toHaveAttribute('src', /\/preview$/);
  await expect
    .poll(() => thumbnail.evaluate((el: HTMLImageElement) => el.naturalWidth))
    .toBeGreaterThan(0);
});
