import type { Frame, Page } from '@playwright/test';
import { DOC_REQUEST_RECORD_ID } from '../src/sandbox/seed-ids.ts';
import { expect, test } from './support/test.ts';

const panelOf = (page: Page, name: string) =>
  page.getByRole('dialog', { name: `Preview of ${name}` });

const originOf = (url: string | null) => new URL(url ?? '', 'http://invalid').origin;

/** The frame whose document is at `url`, once the browser has it. */
async function frameAt(page: Page, url: string): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url() === url)).toBe(true);
  return page.frames().find((f) => f.url() === url)!;
}

test('an image and a PDF are shown from the preview origin, where nothing of the app can be read', async ({
  page,
}) => {
  await page.goto(`/Contacts/${DOC_REQUEST_RECORD_ID}?sort=File_Name.asc`);
  const appOrigin = originOf(page.url());

  // The grid's thumbnail comes from there too.
  const thumbnail = page.getByRole('grid').locator('img.file-thumbnail').first();
  await expect(thumbnail).toHaveAttribute('src', /\/preview\/pv1\./);
  const previewOrigin = originOf(await thumbnail.getAttribute('src'));
  expect(previewOrigin).not.toBe(appOrigin);
  expect(previewOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect
    .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Preview Business card.png' }).click();
  const image = panelOf(page, 'Business card.png').getByRole('img', { name: 'Business card.png' });
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  expect(originOf(await image.getAttribute('src'))).toBe(previewOrigin);

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const frame = panelOf(page, 'Signed NDA.pdf').locator('iframe');
  await expect(frame).toHaveAttribute('title', 'PDF document Signed NDA.pdf');
  const src = (await frame.getAttribute('src'))!;
  expect(originOf(src)).toBe(previewOrigin);
  // Loaded without cookies or storage of any site; a `sandbox` attribute would stop Chromium's
  // PDF viewer from showing it at all (docs/decisions/009-preview-origin.md).
  await expect(frame).toHaveAttribute('credentialless', '');
  const pdf = await frameAt(page, src);
  // Chromium's viewer runs in it: not its error page, as a refused or sandboxed frame shows.
  await expect
    .poll(() => page.frames().map((f) => f.url()))
    .toContainEqual(expect.stringMatching(/^chrome-extension:/));
  expect(page.frames().map((f) => f.url())).not.toContainEqual(
    expect.stringMatching(/^chrome-error:/),
  );

  // Script in the preview's document runs outside the app's origin: the app's session, and its
  // CSRF token, are out of reach, and its own origin serves no session at all.
  const reach = await pdf.evaluate(async (app) => {
    const read = (url: string, init?: RequestInit) =>
      fetch(url, init).then(
        async (r) => `${r.status} ${(await r.text()).slice(0, 60)}`,
        () => 'refused',
      );
    return {
      origin: self.origin,
      appSession: await read(`${app}/api/session`, { credentials: 'include' }),
      ownSession: await read('/api/session'),
    };
  }, appOrigin);
  expect(reach.origin).not.toBe(appOrigin);
  expect(reach.appSession).toBe('refused');
  expect(reach.ownSession).not.toMatch(/csrfToken/);

  // Nor does the preview origin serve the app, or its API, to anyone.
  for (const path of ['/api/session', '/', `/Contacts/${DOC_REQUEST_RECORD_ID}`]) {
    const answer = await page.request.get(`${previewOrigin}${path}`);
    expect(answer.status(), path).toBe(404);
    expect(await answer.text(), path).not.toContain('csrfToken');
  }
});
