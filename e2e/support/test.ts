import { test as base, expect, type Page } from '@playwright/test';

/**
 * The `test` and `expect` every spec imports: Playwright's own, extended here with the app's
 * fixtures so that specs do not repeat set-up.
 */

/** The sandbox's demo users, as its consent page names them. */
export type DemoUserName = 'Patricia Boyle' | 'Sam Rivera' | 'Jordan Lee' | 'Alex Chen';

export interface AppFixtures {
  /**
   * Who is signed in before the test starts: Patricia Boyle (the admin) unless a spec says
   * otherwise with `test.use({ demoUser: 'Sam Rivera' })`, or `null` to start signed out.
   */
  demoUser: DemoUserName | null;
  /** Signs in as `demoUser` through the sandbox's consent page, before every test. */
  signedIn: DemoUserName | null;
}

/** Signs in the way a person does: the app's sign-in, the consent page, a button per user. */
export async function signInThroughConsentPage(page: Page, user: DemoUserName, returnTo = '/') {
  await page.goto(`/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole('button', { name: user, exact: true }).click();
  await page.waitForURL(
    (url) => url.pathname !== '/oauth/v2/auth' && !url.pathname.startsWith('/auth/'),
  );
}

export const test = base.extend<AppFixtures>({
  demoUser: ['Patricia Boyle', { option: true }],
  signedIn: [
    async ({ page, demoUser }, use) => {
      if (demoUser) await signInThroughConsentPage(page, demoUser);
      await use(demoUser);
    },
    { auto: true },
  ],
});

export { expect };
