import type { Page } from '@playwright/test';
import { makePng } from '../src/sandbox/file-bytes.ts';
import { DOC_REQUEST_RECORD_ID, SIZES_RECORD_ID } from '../src/sandbox/seed-ids.ts';
import { expectNoSeriousAxeIssues } from './support/axe.ts';
import { spareContact, uploadThroughProxy } from './support/sandbox-files.ts';
import { readmeScreenshot } from './support/screenshot.ts';
import { expect, test } from './support/test.ts';

const panelOf = (page: Page, name: string) =>
  page.getByRole('dialog', { name: `Preview of ${name}` });

/** Opens a row's preview: its button, or on a narrow list (a phone) its row's actions menu. */
async function openPreview(page: Page, name: string, width: number) {
  const grid = page.getByRole('grid');
  if (width > 600) return grid.getByRole('button', { name: `Preview ${name}` }).click();
  await grid.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: `Preview ${name}` }).click();
}

/** The image's drawn box beside the panel's, and its own pixels. */
async function imageFit(page: Page, name: string) {
  const panel = panelOf(page, name);
  const image = panel.getByRole('img', { name });
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  await expect(image).toHaveCSS('opacity', '1');
  const [box, room, natural] = await Promise.all([
    image.boundingBox(),
    panel.boundingBox(),
    image.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight })),
  ]);
  return { box: box!, room: room!, natural };
}

for (const width of [1280, 375]) {
  test(`a preview panel to work in: details, download, previous and next, fitted (${width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    // The grid's own order: by name, so the files come image, text, PDF... as listed.
    await page.goto(`/Contacts/${DOC_REQUEST_RECORD_ID}?sort=File_Name.asc`);
    const grid = page.getByRole('grid');
    await expect(grid.getByRole('row')).toHaveCount(4);
    await openPreview(page, 'Business card.png', width);

    const image = panelOf(page, 'Business card.png');
    const details = image.getByLabel('File details');
    await expect(details).toContainText('Type');
    await expect(details).toContainText('Image');
    await expect(details).toContainText('47.1 kB, 1,200 × 800 pixels');
    await expect(details).toContainText('Patricia Boyle');
    await expect(details).toContainText(/Created.*2024.*by Patricia Boyle/);
    await expect(image.getByRole('link', { name: 'Download Business card.png' })).toHaveAttribute(
      'download',
      '',
    );
    // A picture larger than the panel is drawn within it, in proportion.
    const fit = await imageFit(page, 'Business card.png');
    expect(fit.box.width).toBeLessThanOrEqual(fit.room.width);
    expect(fit.box.width).toBeLessThan(fit.natural.w);
    expect(fit.box.width / fit.box.height).toBeCloseTo(1200 / 800, 1);
    await expect(image.getByRole('status')).toHaveText('1 of 3');
    await expectNoSeriousAxeIssues(page);
    if (width > 600) await readmeScreenshot(page, 'preview-panel');

    // Next by its button, then by the arrow keys; previous is the other way.
    await image.getByRole('button', { name: 'Next file: Call notes.txt' }).click();
    const text = panelOf(page, 'Call notes.txt');
    await expect(text.locator('pre')).not.toBeEmpty();
    await page.keyboard.press('ArrowRight');
    const pdf = panelOf(page, 'Signed NDA.pdf');
    await expect(pdf.locator('iframe')).toHaveAttribute('title', 'PDF document Signed NDA.pdf');
    await expect(pdf.getByRole('button', { name: 'No next file' })).toBeDisabled();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(panelOf(page, 'Business card.png')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(panelOf(page, 'Business card.png')).toBeHidden();
  });
}

test('a small image is drawn larger, not at its 48 pixels nor stretched to the panel', async ({
  page,
}) => {
  const recordId = await spareContact(page, 16);
  await page.goto(`/Contacts/${recordId}`);
  const icon = { name: 'icon.png', mimeType: 'image/png', buffer: makePng(2_000, 9, [48, 32]) };
  expect((await uploadThroughProxy(page, 'Contacts', recordId, icon)).ok()).toBe(true);
  await page.reload();
  await page.getByRole('button', { name: 'Preview icon.png' }).click();
  const fit = await imageFit(page, 'icon.png');
  expect(fit.natural).toEqual({ w: 48, h: 32 });
  expect(fit.box.width).toBe(192);
  expect(fit.box.height).toBe(128);
  await expect(panelOf(page, 'icon.png').getByLabel('File details')).toContainText(
    '48 × 32 pixels',
  );
});

test('types that cannot be previewed offer no preview, only the download', async ({ page }) => {
  await page.goto(`/Contacts/${SIZES_RECORD_ID}?q=${encodeURIComponent('Large export')}`);
  const grid = page.getByRole('grid');
  await expect(grid.getByRole('link', { name: 'Download Large export.csv' })).toBeVisible();
  await expect(grid.getByRole('button', { name: 'Preview Large export.csv' })).toHaveCount(0);
  // Nor in the row's menu of a phone's list.
  await page.setViewportSize({ width: 375, height: 800 });
  await grid.getByRole('button', { name: 'Actions for Large export.csv' }).click();
  await expect(page.getByRole('menuitem', { name: 'Download Large export.csv' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Preview Large export.csv' })).toHaveCount(0);
});

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the panel passes axe at 375 px and wide', async ({ page }) => {
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`/Contacts/${DOC_REQUEST_RECORD_ID}`);
      await openPreview(page, 'Call notes.txt', width);
      await expect(panelOf(page, 'Call notes.txt').locator('pre')).not.toBeEmpty();
      await expectNoSeriousAxeIssues(page);
      await page.keyboard.press('Escape');
    }
  });
});
