import type { Page } from '@playwright/test';
import { SANDBOX_URL as SANDBOX } from './support/sandbox-control.ts';
import { expect, test } from './support/test.ts';

/**
 * The org's limits are shared by every call to the sandbox, so this spec runs on its own, after
 * all the others (the `org-limits` project in playwright.config.ts): while it spends the org's
 * credits, no other test can meet Bigin's 429 by chance.
 */

const banner = (page: Page) => page.getByRole('alert');

test.describe('the org out of API credits', () => {
  test("Bigin's TOO_MANY_REQUESTS says when to retry", async ({ page, request }) => {
    await page.goto('/?module=Contacts');
    await expect(page.getByRole('combobox', { name: 'Module' })).toHaveValue('Contacts');
    // The org's credits are shared by every test on this sandbox: spend them for as short a
    // time as one call takes, then give them back.
    const usage = (await (await request.get(`${SANDBOX}/__sandbox/limits`)).json()) as {
      creditsUsed: number;
    };
    await request.put(`${SANDBOX}/__sandbox/limits`, {
      data: { apiCreditsPer24h: usage.creditsUsed },
    });
    try {
      const answered = page.waitForResponse((r) => r.url().includes('/search?word='));
      await page.getByRole('combobox', { name: 'Record' }).fill('kris');
      await answered;
    } finally {
      await request.put(`${SANDBOX}/__sandbox/limits`, { data: { apiCreditsPer24h: 50_000 } });
    }
    await expect(banner(page)).toContainText('Too many requests');
    await expect(banner(page)).toContainText(/Wait \d+ hours? \(until .+\) and try again\./);
    await expect(banner(page)).toContainText('TOO_MANY_REQUESTS');
  });
});
