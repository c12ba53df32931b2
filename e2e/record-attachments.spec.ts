import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { expectNoSeriousAxeIssues } from './support/axe.ts';
import { readmeScreenshot } from './support/screenshot.ts';

/** A row's cell of one column. */
const cellOf = (row: Locator, field: string) =>
  row.locator(`[role="gridcell"][data-field="${field}"]`);

test('the deep link shows the documentation sample row with its values', async ({ page }) => {
  await page.goto('/Contacts/4150868000002728001');
  // The grid and the browser tab name the record by its name, not its id.
  const grid = page.getByRole('grid', { name: 'Attachments of Patricia Boyle' });
  await expect(page).toHaveTitle(/^Patricia Boyle · Attachments/);
  const row = grid.getByRole('row', { name: /Screen Shot 2020-07-21 at 11\.27\.04 PM\.png/ });
  await expect(row).toBeVisible();
  // Its selection checkbox first, as in file lists; then the name, given the room.
  await expect(row.getByRole('gridcell').first().getByRole('checkbox')).toBeVisible();
  await expect(cellOf(row, 'File_Name')).toHaveText('Screen Shot 2020-07-21 at 11.27.04 PM.png');
  // 362207 bytes in a human unit; the exact count on hover.
  await expect(cellOf(row, 'Size')).toHaveText('354 kB');
  await expect(cellOf(row, 'Owner')).toHaveText('Patricia Boyle');
  // 2020-07-24T18:12:43+05:30 in the browser's locale and zone (en-US, UTC here).
  await expect(cellOf(row, 'Created_Time')).toHaveText('Jul 24, 2020, 12:42 PM');
  await expect(cellOf(row, 'Modified_Time')).toHaveText('Jul 24, 2020, 12:42 PM');
  // Created by and Modified by say what Owner says on every row: hidden until asked for.
  await expect(grid.getByRole('columnheader', { name: 'Created by' })).toHaveCount(0);
  await expect(grid.getByRole('columnheader', { name: 'Modified by' })).toHaveCount(0);
  await readmeScreenshot(page, 'record-attachments');
  await row.getByText('354 kB').hover();
  await expect(page.getByRole('tooltip')).toHaveText('362,207 bytes');
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  // From the keyboard too: into the Size cell, which then says its exact bytes.
  await grid.getByRole('columnheader', { name: 'Size' }).focus();
  await page.keyboard.press('ArrowDown');
  const sizeCell = cellOf(row, 'Size');
  await expect(sizeCell).toBeFocused();
  await expect(page.getByRole('tooltip')).toHaveText('362,207 bytes');
  await expect(sizeCell).toHaveAccessibleDescription('362,207 bytes');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toHaveCount(0);
});

test('an unknown module shows the INVALID_MODULE banner with what to do', async ({ page }) => {
  await page.goto('/Foo/123');
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('This module does not exist in Bigin');
  await expect(banner).toContainText('Choose a module and a record from the list.');
  await expect(banner).toContainText('INVALID_MODULE');
  await banner.getByRole('link', { name: 'Choose a record' }).click();
  await expect(page).toHaveURL('/');
});

test.describe('the first rows, while the grid is on its way', () => {
  const recordId = '4150868000002728201';
  // Long enough to wrap onto more lines than one, on a wide screen as on a phone.
  const longName =
    'Maximiliana Alexandrina Konstantinopoulou-Featherstonehaugh, Head of Procurement and ' +
    'Facilities for the Northern Regional Offices of Zylker Corporation International';

  /** Gives the record a long name, as the proxy would answer it. */
  async function nameRecordLongly(page: Page) {
    await page.route(`**/api/records/Contacts/${recordId}`, async (route) => {
      const answer = await route.fetch();
      await route.fulfill({ response: answer, json: { ...(await answer.json()), name: longName } });
    });
  }

  /** Where a cell's words start, left to right: after its padding and any icon or thumbnail. */
  const textLeft = (cell: Locator) =>
    cell.evaluate((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, (node) =>
        node.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP,
      );
      const text = walker.nextNode();
      if (!text) return NaN;
      const range = document.createRange();
      range.selectNodeContents(text);
      return range.getBoundingClientRect().left;
    });

  /** The app bar's colours. */
  const barColours = (page: Page) =>
    page.locator('header:has(> nav[aria-label="Main"])').evaluate((bar) => {
      const style = getComputedStyle(bar);
      // And where the app's name stands in it (its text's own box, to the pixel).
      const range = document.createRange();
      range.selectNodeContents(bar.querySelector('a')!);
      const name = range.getBoundingClientRect();
      return {
        background: style.backgroundColor,
        text: style.color,
        nameAt: [Math.round(name.left), Math.round(name.top)],
      };
    });

  /** The record header's height, and how many lines the record's name takes in it. */
  const recordHeader = (page: Page) =>
    page
      .locator('main header', { has: page.getByRole('heading', { level: 1 }) })
      .evaluate((header) => {
        const name = header.querySelector('h1')!;
        return {
          height: header.getBoundingClientRect().height,
          nameLines: Math.round(
            name.getBoundingClientRect().height / parseFloat(getComputedStyle(name).lineHeight),
          ),
        };
      });

  /** Holds the record page's code until the test lets it through. */
  async function holdRecordPageCode(page: Page) {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/assets/record-attachments-page-*.js', async (route) => {
      await released;
      await route.continue();
    });
    return release;
  }

  for (const screen of [
    { width: 1280, height: 800, colorScheme: 'light' as const },
    { width: 375, height: 740, colorScheme: 'dark' as const },
  ]) {
    test(`show the first page of names before the grid, where the grid will show them (${screen.width} px, ${screen.colorScheme})`, async ({
      page,
    }) => {
      await page.setViewportSize(screen);
      await page.emulateMedia({ colorScheme: screen.colorScheme });
      const release = await holdRecordPageCode(page);
      await nameRecordLongly(page);
      const firstPage = page.waitForRequest(/\/attachments\?page=1&per_page=200$/);
      await page.goto(`/Contacts/${recordId}`);
      // The proxy hints the first page to the browser with the page itself.
      expect((await firstPage).url()).toContain('/api/records/Contacts/4150868000002728201/');
      const early = page.getByRole('table', { name: /Attachments of Maximiliana/ });
      await expect(early.getByRole('row')).toHaveCount(26); // the header and 25 rows
      const firstName = early.getByRole('row').nth(1).locator('.name').first();
      await expect(firstName).not.toBeEmpty();
      const name = (await firstName.textContent()) ?? '';
      const before = await firstName.boundingBox();
      // The first rows' names (an image's after its thumbnail, other files' after their icon).
      const earlyNames = [1, 2, 3].map((n) => early.getByRole('row').nth(n).locator('.name'));
      const textBefore = await Promise.all(earlyNames.map(textLeft));
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const frameBackground = await background();
      const frameBar = await barColours(page);
      const frameHeader = await recordHeader(page);
      expect(frameHeader.nameLines).toBeGreaterThan(1);
      await expectNoSeriousAxeIssues(page);
      // From here to the grid, the page never goes back to saying it is loading.
      await page.evaluate(`new MutationObserver(() => {
        if (document.body.textContent.includes('Loading the page')) window.__flashed = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true })`);
      // Nor does anything the app draws move once drawn (the header's name among them).
      await page.evaluate(`window.__shift = 0; new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__shift += entry.value;
      }).observe({ type: 'layout-shift' })`);
      release();
      const grid = page.getByRole('grid', { name: /Attachments of Maximiliana/ });
      const gridName = cellOf(grid.getByRole('row').nth(1), 'File_Name');
      await expect(gridName).toHaveText(name);
      await expect(early).toHaveCount(0);
      expect(await page.evaluate('window.__flashed ?? false')).toBe(false);
      // The same row, in the same place, give or take a few pixels, on the same background:
      // nothing jumps or flashes.
      const middle = (box: { y: number; height: number } | null) =>
        box ? box.y + box.height / 2 : 0;
      expect(Math.abs(middle(await gridName.boundingBox()) - middle(before))).toBeLessThanOrEqual(
        4,
      );
      expect(await background()).toBe(frameBackground);
      expect(await barColours(page)).toEqual(frameBar);
      // The names start where they did, after the icon or thumbnail the frame left room for.
      const gridNames = [1, 2, 3].map((n) => cellOf(grid.getByRole('row').nth(n), 'File_Name'));
      // (Among them an image with its thumbnail and a file with its icon.)
      const thumbnails = await Promise.all(gridNames.map((cell) => cell.locator('img').count()));
      expect(thumbnails).toContain(1);
      expect(thumbnails).toContain(0);
      const textAfter = await Promise.all(gridNames.map(textLeft));
      textAfter.forEach((left, i) =>
        expect(Math.abs(left - textBefore[i]!)).toBeLessThanOrEqual(4),
      );
      // The long name wraps as it did in the frame: the header is as tall, and the rows stay put.
      const appHeader = await recordHeader(page);
      expect(appHeader.nameLines).toBe(frameHeader.nameLines);
      expect(Math.abs(appHeader.height - frameHeader.height)).toBeLessThanOrEqual(1);
      // What could still move the page once the grid is drawn: its images (thumbnails) arriving.
      await page.waitForFunction(() => [...document.images].every((image) => image.complete));
      expect(await page.evaluate('window.__shift')).toBe(0);
    });
  }

  test('are not shown for a sorted or later page, which only the grid can show', async ({
    page,
  }) => {
    const release = await holdRecordPageCode(page);
    await page.goto('/Contacts/4150868000002728201?sort=Size.desc');
    await expect(page.getByText('Loading the page…')).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    release();
    await expect(page.getByRole('grid')).toBeVisible();
  });
});
