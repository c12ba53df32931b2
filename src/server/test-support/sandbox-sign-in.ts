import { expect } from 'vitest';
import type { TestBrowser } from './browser.ts';

/**
 * Signs `browser` in through the sandbox's real consent page: the app's sign-in redirect, the
 * page's form with one button per demo user, and the callback back to the app.
 */
export async function signInAtSandbox(browser: TestBrowser, user: string, returnTo = '/') {
  const started = await browser.fetch(`/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  const consentUrl = new URL(started.headers.get('location')!);
  const page = await (await fetch(consentUrl)).text();
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(page);
  expect(form, 'the consent page has a form').toBeTruthy();
  const fields = new URLSearchParams();
  for (const m of form![2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(m[1]!, decodeEntities(m[2]!));
  }
  const button = new RegExp(`<button[^>]*name="([^"]+)" value="([^"]+)"[^>]*>${user}</button>`);
  const chosen = button.exec(form![2]!);
  expect(chosen, `the consent page offers ${user}`).toBeTruthy();
  fields.set(chosen![1]!, chosen![2]!);
  const consented = await fetch(new URL(form![1]!, consentUrl), {
    method: 'POST',
    body: fields,
    redirect: 'manual',
  });
  const callback = consented.headers.get('location')!;
  return browser.fetch(callback);
}

const decodeEntities = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(
      /&(amp|lt|gt|quot);/g,
      (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name]!,
    );
