import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { expectNoSeriousAxeIssues } from './support/axe.ts';
import { addFault, removeFault } from './support/sandbox-control.ts';
import { spareContact } from './support/sandbox-files.ts';
import { readmeScreenshot } from './support/screenshot.ts';

/** Each banner is reached by its real cause in the sandbox: a bad link, a demo user, a fault. */

const DOC_RECORD = '/Contacts/4150868000002728001';
const PRODUCT_RECORD = '/Products/4150868000003400001';

const banner = (page: Page) => page.getByRole('alert');

test.describe('a bad link', () => {
  test('an unknown module', async ({ page }) => {
    await page.goto('/Foo/4150868000002728001');
    await expect(banner(page)).toContainText('This module does not exist in Bigin');
    await expect(banner(page)).toContainText('INVALID_MODULE');
    await expectNoSeriousAxeIssues(page);
    await banner(page).getByRole('link', { name: 'Choose a record' }).click();
    await expect(page).toHaveURL('/');
  });

  test('a module the API does not serve', async ({ page }) => {
    await page.goto('/Documents/4150868000002728001');
    await expect(banner(page)).toContainText('Bigin does not offer this module to apps');
    await expect(banner(page)).toContainText('INVALID_MODULE');
  });

  test('a record that does not exist', async ({ page }) => {
    await page.goto('/Contacts/4150868000009999999');
    await expect(banner(page)).toContainText('This record does not exist');
    await expect(banner(page).getByRole('link', { name: 'Choose a record' })).toBeVisible();
  });

  test('an id that no Bigin record could have is no page at all', async ({ page }) => {
    // Never asked of Bigin: the address is not a record's (addresses.spec.ts shows the rest).
    await page.goto('/Contacts/not-an-id');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible();
  });
});

test.describe('a demo user Bigin refuses', () => {
  test.describe(() => {
    test.use({ demoUser: 'Sam Rivera' });
    test('Sam Rivera may not read attachments: NO_PERMISSION', async ({ page }) => {
      await page.goto(DOC_RECORD);
      await expect(banner(page)).toContainText('Your Bigin profile may not read attachments');
      await expect(banner(page)).toContainText('Ask your Bigin administrator');
      await expect(banner(page)).toContainText('NO_PERMISSION');
      await expectNoSeriousAxeIssues(page);
      await readmeScreenshot(page, 'banner-no-permission');
    });
  });

  test.describe(() => {
    test.use({ demoUser: 'Alex Chen' });
    test('Alex Chen lacks the Products privilege: AUTHORIZATION_FAILED', async ({ page }) => {
      await page.goto(PRODUCT_RECORD);
      await expect(banner(page)).toContainText('You do not have the privilege for this');
      await expect(banner(page)).toContainText('AUTHORIZATION_FAILED');
    });
  });

  test.describe(() => {
    test.use({ demoUser: 'Jordan Lee' });
    test('Jordan Lee consented without attachments, and signs in again granting them', async ({
      page,
    }) => {
      await page.goto(`${DOC_RECORD}?pageSize=25`);
      await expect(banner(page)).toContainText('The sign-in lacks the attachments permission');
      await expectNoSeriousAxeIssues(page);
      await readmeScreenshot(page, 'banner-scope-mismatch');
      await banner(page).getByRole('button', { name: 'Sign in again' }).click();
      // Zoho's consent page again; this time a user whose consent covers attachments.
      await page.getByRole('button', { name: 'Patricia Boyle', exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${DOC_RECORD}\\?pageSize=25$`));
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  });
});

test.describe('a fault in Bigin or on the way', () => {
  test('an internal error offers a retry and the request id', async ({ page, request }) => {
    const recordId = '4150868000002728501';
    const fault = await addFault(request, { kind: 'error', match: { recordId } });
    try {
      await page.goto(`/Contacts/${recordId}`);
      await expect(banner(page)).toContainText('Bigin had an internal error', { timeout: 20_000 });
      await expect(banner(page)).toContainText(/Request id: \S+/);
    } finally {
      await removeFault(request, fault);
    }
    await banner(page).getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0, { timeout: 10_000 });
  });

  // The proxy never sends Bigin a malformed path or a wrong method, so these answers come from
  // the sandbox told to give them for one record's list, as Bigin would.
  async function openWithListError(page: Page, spare: number, error: object): Promise<void> {
    const recordId = await spareContact(page, spare);
    const path = `/bigin/v2/Contacts/${recordId}/Attachments`;
    const fault = await addFault(page.request, { kind: 'error', ...error, match: { path } });
    try {
      await page.goto(`/Contacts/${recordId}`);
      await expect(banner(page)).toBeVisible();
    } finally {
      await removeFault(page.request, fault);
    }
  }

  test('Bigin cannot make sense of the address: INVALID_URL_PATTERN', async ({ page }) => {
    await openWithListError(page, 9, { code: 'INVALID_URL_PATTERN' });
    await expect(banner(page)).toContainText('This link is malformed');
    await expect(banner(page)).toContainText('INVALID_URL_PATTERN');
    await banner(page).getByRole('link', { name: 'Choose a record' }).click();
    await expect(page).toHaveURL('/');
  });

  test('Bigin refuses the kind of request: INVALID_REQUEST_METHOD', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openWithListError(page, 10, { code: 'INVALID_REQUEST_METHOD' });
    await expect(banner(page)).toContainText('The app and Bigin disagree');
    await expect(banner(page)).toContainText('Please report it, quoting the request id.');
    await expect(banner(page)).toContainText(/Request id: \S+/);
    await banner(page).getByRole('button', { name: 'Copy the details' }).click();
    await expect(banner(page).getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
      'INVALID_REQUEST_METHOD',
    );
  });

  test('a code Bigin has not documented is shown with its code and message', async ({ page }) => {
    await openWithListError(page, 11, {
      code: 'FEATURE_NOT_ENABLED',
      status: 403,
      message: 'the feature is not enabled for this org',
    });
    await expect(banner(page)).toContainText(
      'The server answered FEATURE_NOT_ENABLED: the feature is not enabled for this org',
    );
    await expect(banner(page)).toContainText(/Request id: \S+/);
    await expectNoSeriousAxeIssues(page);
  });

  test('Bigin unreachable: the connection is reset', async ({ page, request }) => {
    const recordId = '4150868000002728301';
    const fault = await addFault(request, { kind: 'reset', match: { recordId } });
    try {
      await page.goto(`/Contacts/${recordId}`);
      await expect(banner(page)).toContainText('Bigin cannot be reached', { timeout: 20_000 });
      await expect(banner(page).getByRole('button', { name: 'Try again' })).toBeVisible();
    } finally {
      await removeFault(request, fault);
    }
  });

  test('the network down: the server cannot be reached', async ({ page, context }) => {
    await page.goto('/?module=Contacts');
    await expect(page.getByRole('combobox', { name: 'Module' })).toHaveValue('Contacts');
    await context.setOffline(true);
    await page.getByRole('combobox', { name: 'Record' }).fill('kris');
    await expect(banner(page)).toContainText('The server cannot be reached', { timeout: 15_000 });
    await context.setOffline(false);
    await banner(page).getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.getByRole('combobox', { name: 'Record' }).click();
    await expect(page.getByRole('option').first()).toBeVisible();
  });
});

test.describe('the session', () => {
  test('an expired session signs in again and returns to the same page', async ({
    page,
    context,
  }) => {
    await page.goto('/?module=Contacts');
    await expect(page.getByRole('combobox', { name: 'Module' })).toHaveValue('Contacts');
    await context.clearCookies();
    await page.getByRole('combobox', { name: 'Record' }).fill('kris');
    await expect(banner(page)).toContainText('Your session has expired');
    await banner(page).getByRole('button', { name: 'Sign in again' }).click();
    await page.getByRole('button', { name: 'Patricia Boyle', exact: true }).click();
    await expect(page).toHaveURL('/?module=Contacts');
    await expect(page.getByRole('combobox', { name: 'Module' })).toHaveValue('Contacts');
  });

  test('too many requests from this session says when to retry', async ({ page }) => {
    await page.goto('/?module=Contacts');
    await expect(page.getByRole('combobox', { name: 'Module' })).toHaveValue('Contacts');
    // The proxy allows 600 requests a minute per session: spend them.
    await page.evaluate(async () => {
      for (let batch = 0; batch < 31; batch += 1)
        await Promise.all(Array.from({ length: 20 }, () => fetch('/api/session')));
    });
    await page.getByRole('combobox', { name: 'Record' }).fill('kris');
    await expect(banner(page)).toContainText('Too many requests');
    await expect(banner(page)).toContainText(/Wait \d+ seconds \(until .+\) and try again\./);
    await expect(banner(page)).toContainText('PROXY_RATE_LIMITED');
  });
});

test.describe("the app's own code", () => {
  // What a browser meets when a newer version of the app has replaced the files of the one it
  // opened: the server no longer has the code the page asks for.
  const gone = { status: 404, contentType: 'text/plain', body: 'Not Found' };

  test("a page's code that does not arrive: a banner and a reload", async ({ page }) => {
    await page.route('**/assets/record-attachments-page-*.js', (route) => route.fulfill(gone));
    await page.goto(DOC_RECORD);
    await expect(banner(page)).toContainText('The page could not be loaded');
    await expect(banner(page)).toContainText('CLIENT_CODE_UNAVAILABLE');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expectNoSeriousAxeIssues(page);
    await page.unroute('**/assets/record-attachments-page-*.js');
    await banner(page).getByRole('button', { name: 'Reload the page' }).click();
    await expect(page.getByRole('grid')).toBeVisible();
    await expect(banner(page)).toHaveCount(0);
  });

  test("the app's code that does not arrive: said without it, with a reload", async ({ page }) => {
    await page.route('**/assets/start-*.js', (route) => route.fulfill(gone));
    await page.goto(DOC_RECORD);
    await expect(banner(page)).toContainText('The page could not be loaded');
    await expect(banner(page).getByRole('heading')).toHaveText('The page could not be loaded');
    await page.unroute('**/assets/start-*.js');
    await banner(page).getByRole('button', { name: 'Reload the page' }).click();
    await expect(page.getByRole('grid')).toBeVisible();
  });
});
