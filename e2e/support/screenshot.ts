import type { Page } from '@playwright/test';

/**
 * A screenshot for the README, taken where a test has the screen in the state it shows. Only
 * `npm run screenshots` (SCREENSHOTS=1) writes them, so that `npm test` leaves the tree as it
 * found it.
 */
export async function readmeScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.screenshot({ path: `docs/screenshots/${name}.png`, ...options });
}
