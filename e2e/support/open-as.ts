import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export type DemoUser = 'Patricia Boyle' | 'Sam Rivera' | 'Jordan Lee' | 'Alex Chen';

/**
 * Opens an address of the app as a demo user. A signed-out browser is sent through the
 * sandbox's consent page, where the user is chosen; someone else's session is ended first.
 */
export async function openAs(page: Page, path: string, user: DemoUser = 'Patricia Boyle') {
  const session = await page.request.get('/api/session').then((r) => r.json());
  if (session.signedIn && session.user?.name !== user) await page.context().clearCookies();
  await page.goto(path);
  if (new URL(page.url()).pathname === '/oauth/v2/auth') {
    await page.getByRole('button', { name: user, exact: true }).click();
    await page.waitForURL(
      (url) => url.pathname !== '/oauth/v2/auth' && !url.pathname.startsWith('/auth/'),
    );
  }
}

/** Axe finds no serious or critical issue on the page as it is now. */
export async function expectNoSeriousAxeIssues(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}
