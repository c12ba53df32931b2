import type { Page } from '@playwright/test';
import { DEAL_RECORD_ID, DOC_REQUEST_RECORD_ID, EMPTY_RECORD_ID } from '../src/sandbox/seed-ids.ts';
import { DOC_SAMPLE_RECORD_ID } from '../src/shared/doc-samples.ts';
import { expectNoSeriousAxeIssues } from './support/axe.ts';
import { spareContact, uploadThroughProxy } from './support/sandbox-files.ts';
import { expect, test } from './support/test.ts';

const grid = (page: Page) => page.getByRole('grid', { name: /Attachments of/ });
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'File actions' });
const textFile = (name: string) => ({
  name,
  mimeType: 'text/plain',
  buffer: Buffer.from(`${name}\n`),
});

test('words for one file: one selected is "1 file" and "1 attachment"', async ({ page }) => {
  await page.goto(`/Contacts/${DOC_REQUEST_RECORD_ID}`);
  await expect(toolbar(page).getByRole('button', { name: 'Download as ZIP' })).toBeDisabled();
  await grid(page)
    .getByRole('row', { name: /Call notes\.txt/ })
    .getByRole('checkbox')
    .check();
  await expect(toolbar(page).getByRole('button', { name: 'Download 1 file as ZIP' })).toBeEnabled();
  await toolbar(page).getByRole('button', { name: 'Delete 1 attachment' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this attachment?' });
  await expect(confirm).toContainText('It is removed from the record in Bigin.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
});

for (const width of [1280, 375]) {
  test(`an empty record offers "Upload files" in the grid's place (${width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    const recordId = await spareContact(page, width > 600 ? 17 : 18);
    await page.goto(`/Contacts/${recordId}`);
    const empty = page.getByRole('region', { name: 'This record has no attachments.' });
    await expect(grid(page)).toBeVisible();
    await expect(empty).toBeVisible();
    // Offered there, not twice: the toolbar keeps only what needs a selection.
    await expect(toolbar(page).getByRole('button', { name: 'Upload files' })).toHaveCount(0);
    await expectNoSeriousAxeIssues(page);
    const chooser = page.waitForEvent('filechooser');
    await empty.getByRole('button', { name: 'Upload files' }).click();
    await (await chooser).setFiles(textFile(`first-${width}.txt`));
    await expect(grid(page).getByText(`first-${width}.txt`)).toBeVisible();
    await expect(empty).toHaveCount(0);
    await expect(toolbar(page).getByRole('button', { name: 'Upload files' })).toBeVisible();
  });
}

test('Space selects a row and Delete asks to delete the selection', async ({ page }) => {
  const recordId = await spareContact(page, 19);
  for (const name of ['one.txt', 'two.txt'])
    expect((await uploadThroughProxy(page, 'Contacts', recordId, textFile(name))).ok()).toBe(true);
  await page.goto(`/Contacts/${recordId}`);
  const row = (name: string) => grid(page).getByRole('row', { name: new RegExp(name) });
  await row('one.txt').locator('[data-field="Size"]').click();
  await page.keyboard.press(' ');
  await expect(row('one.txt').getByRole('checkbox')).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  await expect(row('two.txt').getByRole('checkbox')).toBeChecked();
  await page.keyboard.press(' ');
  await expect(row('two.txt').getByRole('checkbox')).not.toBeChecked();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete this attachment?' });
  await expect(confirm.getByRole('listitem')).toHaveText(['one.txt']);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(row('one.txt')).toBeVisible();
});

test('a link typed without a scheme is offered https://', async ({ page }) => {
  await page.goto(`/Contacts/${DOC_REQUEST_RECORD_ID}`);
  await toolbar(page).getByRole('button', { name: 'Attach a link' }).click();
  const form = page.getByRole('dialog', { name: 'Attach a link' });
  const address = form.getByRole('textbox', { name: /Address/ });
  await address.fill('zylker.com/quote');
  await form.getByRole('button', { name: 'Attach' }).click();
  await expect(form).toContainText('Did you mean https://zylker.com/quote?');
  await form.getByRole('button', { name: 'Use it: https://zylker.com/quote' }).click();
  await expect(address).toHaveValue('https://zylker.com/quote');
  await form.getByRole('button', { name: 'Cancel' }).click();
});

test('the module is named by its Bigin label everywhere: a Pipeline, not Pipelines or Deals', async ({
  page,
}) => {
  await page.goto(`/Pipelines/${DEAL_RECORD_ID}`);
  const header = page.locator('main header');
  await expect(header).toContainText('Pipeline');
  await expect(header).not.toContainText(/Pipelines|Deals/);
  // The next visit's first frame, drawn before the app, says the same.
  await page.reload();
  await expect(page.locator('main header p').first()).toHaveText('Pipeline');
  await page.goto('/');
  const recent = page.getByRole('region', { name: 'Recently opened' });
  await expect(recent).toContainText(`Pipeline · ${DEAL_RECORD_ID}`);
});

test('no failed request in the console for a record without a photo', async ({ page }) => {
  const failures: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(message.text());
  });
  const photoAsked: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/photo')) photoAsked.push(request.url());
  });
  for (const recordId of [EMPTY_RECORD_ID, DOC_SAMPLE_RECORD_ID]) {
    await page.goto(`/Contacts/${recordId}`);
    await expect(
      page.getByRole('button', { name: /^Photo of .*: change or remove$/ }),
    ).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  expect(photoAsked).toEqual([]);
  expect(failures).toEqual([]);
  // A record with a photo still shows it.
  await page.goto(`/Contacts/${DOC_REQUEST_RECORD_ID}`);
  await expect(page.getByRole('img', { name: 'Photo of Kris Marrier' })).toBeVisible();
});
