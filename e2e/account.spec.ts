import type { Page } from '@playwright/test';
import { expectNoSeriousAxeIssues } from './support/axe.ts';
import { expect, test } from './support/test.ts';

const DEEP_LINK = '/Contacts/4150868000002728001';
const bar = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test.describe('who is signed in', () => {
  test.use({ demoUser: 'Jordan Lee' });

  for (const width of [375, 1280]) {
    test(`the app bar names the user, whose menu has their email (${width} px)`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/');
      const button = bar(page).getByRole('button', { name: 'Account: Jordan Lee' });
      await expect(button).toBeVisible();
      // The name itself where the bar has room; the initials always.
      await expect(button).toContainText('JL');
      if (width > 600) await expect(button).toContainText('Jordan Lee');
      else await expect(button.getByText('Jordan Lee')).toBeHidden();
      await button.click();
      await expect(page.getByText('j.lee@zylker.com')).toBeVisible();
      const menu = page.getByRole('menu', { name: 'Account' });
      await expect(menu.getByRole('menuitem')).toHaveText(['Switch user', 'Sign out']);
      await expect(menu.getByRole('menuitem', { name: 'Switch user' })).toBeFocused();
      await expectNoSeriousAxeIssues(page);
    });
  }

  test('sign out ends the session and lands on a page that offers another sign-in', async ({
    page,
  }) => {
    // (That the sign-out revokes the refresh token at the sandbox is shown over real sockets in
    // src/server/sandbox-sign-in.test.ts: here other tests sign the same users in meanwhile.)
    await page.goto(DEEP_LINK);
    await bar(page).getByRole('button', { name: 'Account: Jordan Lee' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
    expect(await (await page.request.get('/api/session')).json()).toEqual({
      signedIn: false,
      mode: 'sandbox',
    });
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(/\/oauth\/v2\/auth\?/);
  });

  test('switch user signs out, then offers the consent page, and comes back as the other user', async ({
    page,
  }) => {
    await page.goto(`${DEEP_LINK}?q=png`);
    await bar(page).getByRole('button', { name: 'Account: Jordan Lee' }).click();
    await page.getByRole('menuitem', { name: 'Switch user' }).click();
    await expect(page).toHaveURL(/\/oauth\/v2\/auth\?/);
    // The consent page asks for the profile scope: the user's own name and email.
    await expect(
      page.getByRole('listitem').filter({ hasText: 'AaaServer.profile.READ' }),
    ).toHaveCount(1);
    await page.getByRole('button', { name: 'Sam Rivera', exact: true }).click();
    await expect(page).toHaveURL(`${DEEP_LINK}?q=png`);
    await expect(bar(page).getByRole('button', { name: 'Account: Sam Rivera' })).toBeVisible();
  });
});

test.describe('the account menu in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('is axe clean at 375 px and wide', async ({ page }) => {
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/');
      await bar(page).getByRole('button', { name: 'Account: Patricia Boyle' }).click();
      await expect(page.getByText('p.boyle@zylker.com')).toBeVisible();
      await expectNoSeriousAxeIssues(page);
      await page.keyboard.press('Escape');
    }
  });
});
