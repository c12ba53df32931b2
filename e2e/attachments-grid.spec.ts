import type { Page } from '@playwright/test';
import {
  EMPTY_RECORD_ID,
  HOSTILE_NAMES_RECORD_ID,
  LINKS_RECORD_ID,
  THOUSAND_ATTACHMENTS_RECORD_ID,
} from '../src/sandbox/seed-ids.ts';
import { expectNoSeriousAxeIssues } from './support/axe.ts';
import { addFault, removeFault } from './support/sandbox-control.ts';
import { expect, test } from './support/test.ts';
import { readmeScreenshot } from './support/screenshot.ts';

const thousand = `/Contacts/${THOUSAND_ATTACHMENTS_RECORD_ID}`;

/** Counts the app's calls for attachment pages (each is one Bigin call through the proxy). */
function countAttachmentCalls(page: Page): () => number {
  let calls = 0;
  page.on('request', (request) => {
    if (/\/api\/records\/[^/]+\/\d+\/attachments\?/.test(request.url())) calls += 1;
  });
  return () => calls;
}

/** Long enough for a record's five Bigin pages, one after another, on a busy test machine. */
const WHOLE_RECORD = { timeout: 20_000 };

const grid = (page: Page) => page.getByRole('grid', { name: /Attachments of/ });
const status = (page: Page) => page.getByRole('status').filter({ hasText: /attachment/ });
const firstCell = (page: Page) =>
  grid(page).getByRole('row').nth(1).locator('[role="gridcell"][data-field="File_Name"]');

test('pages a 1,000-attachment record to the end and back, one Bigin call per 200 rows', async ({
  page,
}) => {
  const calls = countAttachmentCalls(page);
  await page.goto(`${thousand}?size=100`);
  await expect(status(page)).toHaveText(/200 attachments loaded; more exist in Bigin/);
  await expect(page.getByText('1–100 of more than 200')).toBeVisible();

  const next = page.getByRole('button', { name: 'Go to next page' });
  for (let shown = 2; shown <= 10; shown += 1) {
    await next.click();
    await expect(page).toHaveURL(new RegExp(`page=${shown}(&|$)`));
    // The pager shows the new range before the next click, as a person sees it.
    await expect(page.getByText(new RegExp(`^${(shown - 1) * 100 + 1}–`))).toBeVisible();
  }
  await expect(page.getByText('901–1,000 of 1,000')).toBeVisible();
  await expect(status(page)).toHaveText('1,000 attachments');
  await expect(next).toBeDisabled();

  // Every page is cached: going back a page fetches nothing again.
  await page.getByRole('button', { name: 'Go to previous page' }).click();
  await expect(page.getByText('801–900 of 1,000')).toBeVisible();
  expect(calls()).toBe(5);
});

test('paging and sorting replace the history entry: Back leaves the record', async ({ page }) => {
  await page.goto('/');
  await page.goto(`${thousand}?size=25`);
  await expect(status(page)).toHaveText(/200 attachments loaded/);
  await page.getByRole('button', { name: 'Go to next page' }).click();
  await expect(page).toHaveURL(/page=2/);
  await grid(page).getByRole('columnheader', { name: 'Size' }).click();
  await expect(page).toHaveURL(/sort=Size\.asc/);
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
});

test('sort and search live in the URL: a reload and back give the same view', async ({ page }) => {
  await page.goto(`${thousand}?size=25`);
  await expect(status(page)).toHaveText(/200 attachments loaded/);

  await grid(page).getByRole('columnheader', { name: 'Size' }).click();
  await expect(page).toHaveURL(/sort=Size\.asc/);
  const smallestFirst = await firstCell(page).textContent();

  const search = page.getByRole('searchbox');
  await search.fill(smallestFirst ?? '');
  await expect(page).toHaveURL(/q=/);
  await expect(status(page)).toContainText('match the search');
  await expect(firstCell(page)).toHaveText(smallestFirst ?? '');

  await page.reload();
  await expect(page.getByRole('searchbox')).toHaveValue(smallestFirst ?? '');
  await expect(firstCell(page)).toHaveText(smallestFirst ?? '');
  await expect(status(page)).toContainText('match the search');
});

test('hidden columns live in the URL', async ({ page }) => {
  await page.goto(`${thousand}?hide=Owner,Created_By`);
  await expect(status(page)).toHaveText(/attachments loaded/);
  await expect(grid(page).getByRole('columnheader', { name: 'Owner' })).toHaveCount(0);
  await expect(grid(page).getByRole('columnheader', { name: 'Modified by' })).toBeVisible();
});

test('a record with no attachments says so', async ({ page }) => {
  await page.goto(`/Contacts/${EMPTY_RECORD_ID}`);
  await expect(page.getByText('This record has no attachments.')).toBeVisible();
  await expect(status(page)).toHaveText('0 attachments');
});

test('links are marked as links and open in a new tab', async ({ page }) => {
  await page.goto(`/Contacts/${LINKS_RECORD_ID}`);
  const link = grid(page).getByRole('link').first();
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /noopener/);
  await expect(link).toHaveAttribute('href', /^https?:\/\//);
  await expect(link).toContainText('opens in a new tab');
});

test('a later page that fails keeps the rows on screen, says so, and retries', async ({
  page,
  request,
}) => {
  await page.goto(`${thousand}?size=100&page=2`);
  await expect(status(page)).toHaveText(/400 attachments loaded/);
  const fault = await addFault(request, {
    kind: 'error',
    match: { module: 'Contacts', recordId: THOUSAND_ATTACHMENTS_RECORD_ID },
  });
  try {
    // Bigin's third page fails (and its retries): the rows already held stay.
    await page.getByRole('button', { name: 'Go to next page' }).click();
    await page.getByRole('button', { name: 'Go to next page' }).click();
    const snackbar = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
    await expect(snackbar).toBeVisible({ timeout: 15_000 });
    await expect(firstCell(page)).not.toHaveText('');
    await removeFault(request, fault);
    await snackbar.getByRole('button', { name: 'Retry' }).click();
    await expect(status(page)).toHaveText(/600 attachments loaded/);
    await expect(snackbar).toBeHidden();
  } finally {
    await removeFault(request, fault);
  }
});

test('the grid page passes axe, light and dark, wide and on a phone', async ({ page }) => {
  await page.goto(`/Contacts/${LINKS_RECORD_ID}`);
  await expect(status(page)).toHaveText(/attachment/);
  await expectNoSeriousAxeIssues(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousAxeIssues(page);
  await page.setViewportSize({ width: 375, height: 740 });
  await expect(grid(page)).toBeVisible();
  // Nothing spills sideways on a phone: the grid is a list that fits.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await readmeScreenshot(page, 'record-attachments-phone-dark');
  await expectNoSeriousAxeIssues(page);
});

test('the grid works from the keyboard: into the cells, sort, and the next page', async ({
  page,
}) => {
  await page.goto(`${thousand}?size=25`);
  await expect(status(page)).toHaveText(/200 attachments loaded/);
  // Into the grid's header row and along it to the Size column, then sort with Enter.
  const nameHeader = grid(page).getByRole('columnheader', { name: 'File name' });
  await nameHeader.focus();
  await page.keyboard.press('ArrowRight');
  await expect(grid(page).getByRole('columnheader', { name: 'Size' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sort=Size\.asc/);
  await expect(grid(page).getByRole('columnheader', { name: 'Size' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(page.getByText(/^1–25 of/)).toBeVisible();
  // Down into the rows.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[role="gridcell"]:focus')).toHaveCount(1);
  // The pager is reachable with Tab and works with Enter.
  const next = page.getByRole('button', { name: 'Go to next page' });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/page=2/);
});

test('a sort and then at once the next page: the second page of the new order', async ({
  page,
}) => {
  // Keys pressed faster than the address bar follows: each must meet the view just chosen.
  await page.goto(`${thousand}?size=25&page=3`);
  await expect(page.getByText(/^51–75 of/)).toBeVisible();
  await grid(page).getByRole('columnheader', { name: 'Size' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Go to next page' }).focus();
  await page.keyboard.press('Enter');
  const view = () => Object.fromEntries(new URL(page.url()).searchParams);
  await expect.poll(view).toEqual({ sort: 'Size.asc', page: '2' });
  await expect(page.getByText(/^26–50 of/)).toBeVisible();
  // And it stays there: the grid does not go back to the first page on its own once the sorted
  // rows have settled (every attachment request answered, nothing drawn after).
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
  await expect(page.getByText(/^26–50 of/)).toBeVisible();
  expect(view()).toEqual({ sort: 'Size.asc', page: '2' });
});

test.describe('search, sort and filter cover the whole record', () => {
  test('a search finds a file on Bigin page 5, in five calls, and the total is shown', async ({
    page,
  }) => {
    const calls = countAttachmentCalls(page);
    await page.goto(`${thousand}?size=25`);
    await expect(status(page)).toHaveText(/200 attachments loaded/);
    await page.getByRole('searchbox').fill('Field notes 0999');
    await expect(firstCell(page)).toHaveText('Field notes 0999.txt', WHOLE_RECORD);
    await expect(status(page)).toHaveText('1,000 attachments · 1 match the search');
    await expect(page.getByText('1–1 of 1', { exact: true })).toBeVisible();
    // Cleared: Bigin's order again, over the pages already held, with the total known.
    await page.getByRole('searchbox').fill('');
    await expect(page.getByText('1–25 of 1,000')).toBeVisible();
    expect(calls()).toBe(5);
  });

  test('sorting by size puts the largest of all 1,000 first', async ({ page }) => {
    await page.goto(`${thousand}?sort=Size.desc`);
    await expect(status(page)).toHaveText('1,000 attachments', WHOLE_RECORD);
    await expect(page.getByText('1–25 of 1,000')).toBeVisible();
    // The largest of all five Bigin pages, as the proxy lists them.
    const all: { File_Name: string; Size: string }[] = [];
    for (let n = 1; n <= 5; n += 1) {
      const answer = await page.request.get(
        `/api/records/Contacts/${THOUSAND_ATTACHMENTS_RECORD_ID}/attachments?page=${n}&per_page=200`,
      );
      all.push(...((await answer.json()) as { data: typeof all }).data);
    }
    const largest = all.reduce((a, b) => (Number(b.Size) > Number(a.Size) ? b : a));
    await expect(firstCell(page)).toHaveText(largest.File_Name);
  });

  test('a file-type filter, in the URL, over every page', async ({ page }) => {
    await page.goto(`${thousand}?size=25`);
    await expect(status(page)).toHaveText(/200 attachments loaded/);
    await page.getByRole('button', { name: 'Type: All types' }).click();
    await page.getByRole('menuitemradio', { name: 'PDFs' }).click();
    await expect(page).toHaveURL(/type=pdfs/);
    // Every third of the thousand is an inspection report.
    await expect(status(page)).toHaveText('1,000 attachments · 333 match the filter', WHOLE_RECORD);
    await expect(page.getByText('1–25 of 333')).toBeVisible();
    await expect(firstCell(page)).toHaveText(/\.pdf$/);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Type: PDFs' })).toBeVisible();
    await expect(page.getByText('1–25 of 333')).toBeVisible(WHOLE_RECORD);
  });

  test('loading the rest shows progress and can be stopped', async ({ page, request }) => {
    const fault = await addFault(request, {
      kind: 'latency',
      latencyMs: 2500,
      match: { module: 'Contacts', recordId: THOUSAND_ATTACHMENTS_RECORD_ID },
    });
    try {
      await page.goto(`${thousand}?size=25`);
      await expect(status(page)).toHaveText(/200 attachments loaded/, { timeout: 10_000 });
      await page.getByRole('searchbox').fill('Field notes 0999');
      await expect(status(page)).toContainText('Loading every attachment');
      await expect(
        page.getByRole('progressbar', { name: 'Attachments loaded so far' }),
      ).toBeVisible();
      await page.getByRole('button', { name: 'Stop' }).click();
      await expect(page.getByText(/^Only the \d+ attachments loaded are searched/)).toBeVisible();
      await expect(page.getByText('No loaded attachment matches')).toBeVisible();
      await removeFault(request, fault);
      await page.getByRole('button', { name: 'Load the rest' }).click();
      await expect(firstCell(page)).toHaveText('Field notes 0999.txt', WHOLE_RECORD);
    } finally {
      await removeFault(request, fault);
    }
  });
});

test.describe('the list layout of a phone and a narrow widget', () => {
  for (const width of [375, 420]) {
    test(`at ${width} px: name, size and date, the actions in a menu, the same selection`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/Contacts/4150868000002728001');
      const row = grid(page).getByRole('row', { name: /Screen Shot 2020-07-21/ });
      await expect(row.locator('[data-field="File_Name"]')).toHaveText(
        'Screen Shot 2020-07-21 at 11.27.04 PM.png354 kB · Jul 24, 2020, 12:42 PM',
      );
      await expect(grid(page).getByRole('columnheader', { name: 'Size' })).toHaveCount(0);
      // Nothing off to the side: the checkbox and the actions are on screen.
      const menuButton = row.getByRole('button', { name: /^Actions for Screen Shot/ });
      const box = await menuButton.boundingBox();
      expect((box?.x ?? Infinity) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
      await expect(row.getByRole('checkbox')).toBeInViewport({ ratio: 1 });
      await menuButton.click();
      const menu = page.getByRole('menu');
      await expect(menu.getByRole('menuitem', { name: /^Download Screen Shot/ })).toBeVisible();
      await expect(menu.getByRole('menuitem', { name: /^Preview Screen Shot/ })).toBeVisible();
      await expect(menu.getByRole('menuitem', { name: /^Delete Screen Shot/ })).toBeVisible();
      await page.keyboard.press('Escape');
      await row.getByRole('checkbox').check();
      await expect(page.getByRole('button', { name: 'Download 1 file as ZIP' })).toBeEnabled();
      // The sort menu stands in for the column headers.
      await page.getByRole('button', { name: 'Sort: As in Bigin' }).click();
      await page.getByRole('menuitemradio', { name: 'Size, descending' }).click();
      await expect(page).toHaveURL(/sort=Size\.desc/);
    });
  }

  test('a 960 px widget keeps the checkboxes and the actions in view', async ({ page }) => {
    await page.setViewportSize({ width: 960, height: 800 });
    await page.goto('/embed/Contacts/4150868000002728001');
    const row = grid(page).getByRole('row', { name: /Screen Shot 2020-07-21/ });
    const download = row.getByRole('link', { name: /^Download Screen Shot/ });
    await expect(download).toBeVisible();
    const box = await download.boundingBox();
    expect((box?.x ?? Infinity) + (box?.width ?? 0)).toBeLessThanOrEqual(960);
    await expect(row.getByRole('checkbox')).toBeInViewport();
  });

  test('the widget at 420 px shows the list', async ({ page }) => {
    await page.setViewportSize({ width: 420, height: 800 });
    await page.goto('/embed/Contacts/4150868000002728001');
    const row = grid(page).getByRole('row', { name: /Screen Shot 2020-07-21/ });
    await expect(row.getByRole('button', { name: /^Actions for Screen Shot/ })).toBeInViewport();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the list passes axe (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(`/Contacts/${LINKS_RECORD_ID}`);
      await expect(status(page)).toHaveText(/attachment/);
      await readmeScreenshot(page, `record-attachments-list-${colorScheme}`);
      await expectNoSeriousAxeIssues(page);
    });
  }
});

test.describe('a denser, familiar grid', () => {
  test('the column choice is remembered for other records', async ({ page }) => {
    await page.goto(`/Contacts/4150868000002728001`);
    await expect(grid(page).getByRole('columnheader', { name: 'Owner' })).toBeVisible();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Owner' }).uncheck();
    await expect(grid(page).getByRole('columnheader', { name: 'Owner' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await page.goto(thousand);
    await expect(status(page)).toHaveText(/attachments loaded/);
    await expect(grid(page).getByRole('columnheader', { name: 'Owner' })).toHaveCount(0);
    await expect(grid(page).getByRole('columnheader', { name: 'Size' })).toBeVisible();
  });

  test('names that lie show their controls, and their type is the real one', async ({ page }) => {
    await page.goto(`/Contacts/${HOSTILE_NAMES_RECORD_ID}`);
    const name = grid(page).getByText('invoice⟨RLO⟩fdp.exe', { exact: true });
    await expect(name).toBeVisible();
    const row = grid(page).getByRole('row', { name: /invoice⟨RLO⟩fdp\.exe/ });
    // The icon says what the stored extension is: an unknown file, not a PDF.
    await expect(row.locator('.file-kind')).toHaveAttribute('title', 'File');
    await expect(row.getByRole('link', { name: 'Download invoice⟨RLO⟩fdp.exe' })).toBeVisible();
    // Nowhere on the page is the override drawn as an override.
    expect(await page.evaluate(() => document.body.innerText.includes('\u202E'))).toBe(false);
  });
});
