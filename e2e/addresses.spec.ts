import type { Page } from '@playwright/test';
import { DOC_REQUEST_RECORD_ID } from '../src/sandbox/seed-ids.ts';
import { expectNoSeriousAxeIssues } from './support/axe.ts';
import { expect, test } from './support/test.ts';

const bar = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test.describe('no blank pages', () => {
  for (const address of [
    '/Contacts',
    `/Contacts/${DOC_REQUEST_RECORD_ID}/extra`,
    '/settings',
    '/Contacts/not-an-id',
  ]) {
    test(`${address} shows the app bar and a page not found, with a way home`, async ({ page }) => {
      await page.goto(address);
      await expect(bar(page)).toBeVisible();
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await page.getByRole('link', { name: 'Go to the home page' }).click();
      await expect(page).toHaveURL('/');
      await expect(page.getByRole('heading', { level: 1, name: 'Find a record' })).toBeVisible();
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`the page not found passes axe at 375 px and wide (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto('/settings');
        await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
        await expectNoSeriousAxeIssues(page);
      }
    });
  }
});

test.describe('a module written otherwise', () => {
  for (const [address, module] of [
    [`/contacts/${DOC_REQUEST_RECORD_ID}`, 'Contacts'],
    [`/CONTACTS/${DOC_REQUEST_RECORD_ID}?q=png`, 'Contacts'],
    ['/companies/4150868000003200001', 'Accounts'],
  ] as const) {
    test(`${address} goes to the module's own address`, async ({ page }) => {
      await page.goto(address);
      const [, , id] = address.split('?')[0]!.split('/');
      const query = address.includes('?') ? `?${address.split('?')[1]}` : '';
      await expect(page).toHaveURL(`/${module}/${id}${query}`);
      await expect(page.getByRole('grid')).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  }
});

test.describe('open by id', () => {
  for (const [label, address, to] of [
    [
      "Bigin's web app",
      `https://bigin.zoho.com/bigin/org7263948/Home#/contacts/${DOC_REQUEST_RECORD_ID}`,
      `/Contacts/${DOC_REQUEST_RECORD_ID}`,
    ],
    [
      "Bigin's web app in another data centre, a company",
      'https://bigin.zoho.eu/bigin/zylkertravels/Home#/accounts/4150868000003200001?tab=notes',
      '/Accounts/4150868000003200001',
    ],
    [
      "Bigin's API",
      `https://www.zohoapis.com/bigin/v2/Contacts/${DOC_REQUEST_RECORD_ID}/Attachments`,
      `/Contacts/${DOC_REQUEST_RECORD_ID}`,
    ],
  ] as const) {
    test(`takes a record's address pasted whole: ${label}`, async ({ page }) => {
      // Pasted once the module list is here: it turns the address's module word into its API name.
      const modules = page.waitForResponse((r) => r.url().endsWith('/api/modules'));
      await page.goto('/');
      await modules;
      const form = page.getByRole('form', { name: 'Open a record by its id' });
      // The whole address at once, as a paste puts it.
      await form.getByRole('textbox', { name: /Record id/ }).fill(address);
      await expect(form.getByRole('textbox', { name: /Record id/ })).toHaveValue(to.split('/')[2]!);
      await expect(form.getByRole('textbox', { name: /Module API name/ })).toHaveValue(
        to.split('/')[1]!,
      );
      await form.getByRole('button', { name: 'Show attachments' }).click();
      await expect(page).toHaveURL(to);
      await expect(page.getByRole('grid')).toBeVisible();
    });
  }
});
