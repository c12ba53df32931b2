import { createServer, type Server } from 'node:http';
import type { APIRequestContext } from '@playwright/test';
import { DOC_REQUEST_RECORD_ID } from '../src/sandbox/seed-ids.ts';
import { e2eRun } from './support/run-files.ts';
import { expect, test } from './support/test.ts';

const { port } = e2eRun();
const APP = `http://127.0.0.1:${port}`;
const ATTACHMENTS = `/api/records/Contacts/${DOC_REQUEST_RECORD_ID}/attachments`;
/** Another site than the app's (localhost is not 127.0.0.1), not among the embed hosts. */
const OTHER_SITE = `http://localhost:${port + 9}`;
let otherPage = '';
let server: Server;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' }).end(otherPage);
  });
  await new Promise<void>((resolve) => server.listen(port + 9, '127.0.0.1', resolve));
});
test.afterAll(() => server.close());

/** The first picture of the record, as the signed-in app lists it. */
async function firstPicture(request: APIRequestContext) {
  const list = (await (await request.get(`${APP}${ATTACHMENTS}`)).json()) as {
    data: { id: string; File_Name: string }[];
  };
  return list.data.find((a) => a.File_Name.endsWith('.png'))!.id;
}

test('another site cannot show or download a signed-in user’s files', async ({ page }) => {
  const id = await firstPicture(page.request);
  // The app itself shows the picture.
  await page.goto(`${APP}/Contacts/${DOC_REQUEST_RECORD_ID}`);
  await expect(page.getByRole('grid').getByRole('row').nth(1)).toBeVisible();

  otherPage = `<!doctype html><html><body>
    <img id="picture" src="${APP}${ATTACHMENTS}/${id}/preview" alt="">
    <a id="download" href="${APP}${ATTACHMENTS}/${id}">Download</a>
  </body></html>`;
  await page.goto(`${OTHER_SITE}/page.html`);
  // The browser sent the request (with the session's cookie where it may) and got nothing to
  // show: the proxy refused it, and its answer may not be read across origins anyway.
  await expect
    .poll(() => page.locator('#picture').evaluate((img: HTMLImageElement) => img.complete))
    .toBe(true);
  expect(await page.locator('#picture').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(
    0,
  );

  // A link followed from there lands on a page that says where to go instead.
  const answer = page.waitForResponse((r) => r.url().startsWith(`${APP}${ATTACHMENTS}/${id}`));
  await page.locator('#download').click();
  expect((await answer).status()).toBe(403);
  await expect(
    page.getByRole('heading', { name: 'This link works only inside the app' }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Open the app' }).click();
  await expect(page).toHaveURL(`${APP}/`);
});
