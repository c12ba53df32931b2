/**
 * The `test` and `expect` every spec imports: Playwright's own, extended here with the app's
 * fixtures so that specs do not repeat set-up.
 */
export { expect, test } from '@playwright/test';
