import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { expectNoSeriousAxeIssues } from './support/axe.ts';
import { readmeScreenshot } from './support/screenshot.ts';

const ZYLKER = { id: '4150868000003200001', name: 'Zylker Corp' };

async function pickModule(page: Page, typed: string) {
  const module = page.getByRole('combobox', { name: 'Module' });
  await module.click();
  await module.fill(typed);
  await page.keyboard.press('Enter');
  return module;
}

test('a module and a record chosen by typing open the record, which is then offered again', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Find a record' })).toBeVisible();
  // Bigin's label, not the API name: Companies is `Accounts`.
  await expect(await pickModule(page, 'Comp')).toHaveValue('Companies');
  await expect(page).toHaveURL('/?module=Accounts');

  const record = page.getByRole('combobox', { name: 'Record' });
  // Enter picks the highlighted match once the search has answered, not the list before it.
  // Typed right after the module was chosen: the picker keeps it (the module is held at once,
  // not when the address catches up).
  const searched = page.waitForResponse((r) => r.url().endsWith('/search?word=zyl'));
  await record.fill('zyl');
  await searched;
  const match = page.getByRole('option', { name: new RegExp(ZYLKER.name) }).first();
  await expect(match).toBeVisible();
  await readmeScreenshot(page, 'record-picker-search');
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(`/Accounts/${ZYLKER.id}`);
  const header = page.locator('main header');
  await expect(page.getByRole('heading', { level: 1, name: ZYLKER.name })).toBeVisible();
  await expect(header).toContainText('Company');

  await page.getByRole('link', { name: 'Choose another record' }).click();
  await expect(page).toHaveURL('/?module=Accounts');
  const recent = page.getByRole('region', { name: 'Recently opened' });
  await expect(recent.getByRole('link', { name: new RegExp(ZYLKER.name) })).toBeVisible();
});

test('the recent records of a module are offered before anything is typed', async ({ page }) => {
  await page.goto('/?module=Contacts');
  await page.getByRole('combobox', { name: 'Record' }).click();
  await expect(page.getByRole('option').first()).toBeVisible();
  expect(await page.getByRole('option').count()).toBeGreaterThan(5);
});

test('the pickers work from the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('combobox', { name: 'Module' })).toHaveValue('Contacts');
  // The first Tab reaches the skip link, which leads past the bar to the page.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Module' })).toBeFocused();
  await page.keyboard.type('Comp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Module' })).toHaveValue('Companies');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Record' })).toBeFocused();
  const searched = page.waitForResponse((r) => r.url().endsWith('/search?word=zylker'));
  await page.keyboard.type('zylker');
  await searched;
  await expect(page.getByRole('option', { name: new RegExp(ZYLKER.name) }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  // The highlighted match opens: one of the org's several Zylker companies.
  await expect(page).toHaveURL(/\/Accounts\/\d{19}$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Zylker Corp/ })).toBeVisible();

  // Arriving on a page puts the keyboard at its content: the next stop is the way back.
  await page.keyboard.press('Tab');
  const back = page.getByRole('link', { name: 'Choose another record' });
  await expect(back).toBeFocused();
  // The focus ring is drawn, not just the element focused.
  const outline = await back.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/?module=Accounts');
});

test('home and its open record list pass axe, light and dark, phone and wide', async ({ page }) => {
  await page.goto('/?module=Contacts');
  await expect(page.getByRole('combobox', { name: 'Module' })).toHaveValue('Contacts');
  await expectNoSeriousAxeIssues(page);
  await readmeScreenshot(page, 'home');

  await page.getByRole('combobox', { name: 'Record' }).click();
  await expect(page.getByRole('option').first()).toBeVisible();
  await expectNoSeriousAxeIssues(page);

  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 375, height: 740 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.getByRole('combobox', { name: 'Record' })).toBeVisible();
  // Nothing wider than the phone: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectNoSeriousAxeIssues(page);
  await readmeScreenshot(page, 'home-phone-dark', { fullPage: true });
});

test('the record header passes axe and fits a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`/Accounts/${ZYLKER.id}`);
  await expect(page.getByRole('heading', { level: 1, name: ZYLKER.name })).toBeVisible();
  await expectNoSeriousAxeIssues(page, 'main header');
  await readmeScreenshot(page, 'record-header-phone');
});

test.describe('telling records apart', () => {
  test('each result has a second line; an email address finds its contact', async ({ page }) => {
    await page.goto('/?module=Contacts');
    const record = page.getByRole('combobox', { name: 'Record' });
    const searched = page.waitForResponse((r) => r.url().endsWith('/search?word=kris'));
    await record.fill('kris');
    await searched;
    const first = page.getByRole('option').first();
    // A contact's email (and company), not its 19-digit id.
    await expect(first).toContainText(/@example\.com/);
    await expect(first).not.toContainText(/Id \d{19}/);

    const byEmail = page.waitForResponse((r) =>
      r.url().endsWith('/search?email=k.marrier1%40example.com'),
    );
    await record.fill('k.marrier1@example.com');
    expect((await byEmail).status()).toBe(200);
    await expect(page.getByRole('option')).toHaveCount(1);
    await expect(page.getByRole('option')).toContainText('Kris Marrier');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL('/Contacts/1000000231009');
  });

  test.describe('a user who may not read a module', () => {
    test.use({ demoUser: 'Alex Chen' });

    test('is told so once, in the field, and never "no records yet"', async ({ page }) => {
      await page.goto('/?module=Products');
      const record = page.getByRole('combobox', { name: 'Record' });
      const said =
        'Your Bigin profile may not see Products: ask your Bigin administrator for access, or choose another module.';
      await expect(page.getByText(said)).toBeVisible();
      await expect(record).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByRole('alert')).toHaveCount(0);
      await record.click();
      await expect(page.getByText('This module has no records yet.')).toHaveCount(0);
      await expectNoSeriousAxeIssues(page);
    });
  });
});
