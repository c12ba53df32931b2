import type { Page } from '@playwright/test';
import {
  EMPTY_RECORD_ID,
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

const grid = (page: Page) => page.getByRole('grid', { name: /Attachments of/ });
const status = (page: Page) => page.getByRole('status').filter({ hasText: /attachment/ });
const firstCell = (page: Page) => grid(page).getByRole('row').nth(1).getByRole('gridcell').first();

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
  const lastPageFirst = await firstCell(page).textContent();

  // Back steps through the pages; every page is cached, nothing is fetched again.
  await page.goBack();
  await expect(page).toHaveURL(/page=9(&|$)/);
  await expect(page.getByText('801–900 of 1,000')).toBeVisible();
  await page.goForward();
  await expect(firstCell(page)).toHaveText(lastPageFirst ?? '');
  expect(calls()).toBe(5);
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

  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
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
  await page.setViewportSize({ width: 375, height: 740 });
  await expect(grid(page)).toBeVisible();
  await expectNoSeriousAxeIssues(page);
  // Nothing spills sideways on a phone: the grid scrolls inside itself.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await readmeScreenshot(page, 'record-attachments-phone-dark');
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
