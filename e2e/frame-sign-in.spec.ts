import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { BrowserContext, FrameLocator, Page, Route } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../src/cli/prerequisites/chromium.ts';
import { systemHost } from '../src/cli/prerequisites/host.ts';
import { DOC_REQUEST_RECORD_ID } from '../src/sandbox/seed-ids.ts';
import { e2eRun } from './support/run-files.ts';
import { listed, sandboxBytes, spareContact } from './support/sandbox-files.ts';
import { expect, signInThroughConsentPage, test, type DemoUserName } from './support/test.ts';

/**
 * The widget inside Bigin (or any host on another site) in a browser that blocks third-party
 * cookies: the user signs in through a window of its own, the frame gets a frame token, and every
 * request carries it (docs/decisions/008-frame-sign-in.md).
 *
 * Third-party cookies are blocked by Chromium's own switch, `--test-third-party-cookie-phaseout`
 * (Chrome's behaviour once third-party cookies are phased out), and the first test proves it in
 * the frame itself. Playwright turns off storage partitioning by default, which makes a blocked
 * frame's sessionStorage throw; here it is left on, as in browsers that block third-party cookies
 * (the frame's storage is its own, keyed by the framing site), by naming the features Playwright
 * disables without that one (a later --disable-features replaces an earlier one).
 */
const PLAYWRIGHT_DISABLED_FEATURES_BUT_PARTITIONING = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

test.use({
  demoUser: null,
  launchOptions: {
    executablePath: findChromium(systemHost())?.path,
    args: [
      ...CHROMIUM_ARGS,
      '--test-third-party-cookie-phaseout',
      `--disable-features=${PLAYWRIGHT_DISABLED_FEATURES_BUT_PARTITIONING.join(',')}`,
    ],
  },
});

const { port } = e2eRun();
const APP = `http://127.0.0.1:${port}`;
/**
 * "Bigin": a host page at localhost, another site than the app's 127.0.0.1, listed in
 * EMBED_ALLOWED_ORIGINS (playwright.config.ts); and a stranger that is not.
 */
const HOST_PORT = port + 7;
const HOST = `http://localhost:${HOST_PORT}`;
const STRANGER = `http://localhost:${HOST_PORT + 1}`;
const servers: Server[] = [];
/** Contacts of the seed that no other spec looks at (the others take 0-13): one per test. */
let uploadRecord = '';
let inFlightRecord = '';

test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ baseURL: APP });
  const admin = await context.newPage();
  await signInThroughConsentPage(admin, 'Patricia Boyle');
  uploadRecord = await spareContact(admin, 14);
  inFlightRecord = await spareContact(admin, 15);
  await context.close();

  for (const listenPort of [HOST_PORT, HOST_PORT + 1]) {
    const server = createServer((request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><html><body>
        <h1>Bigin</h1>
        <iframe id="widget" title="Attachments"
          src="${APP}/bigin-widget" style="width: 900px; height: 600px"></iframe>
        <script>
          window.received = [];
          window.addEventListener('message', (event) => window.received.push(event.data));
        </script>
      </body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
    servers.push(server);
  }
});
test.afterAll(() => servers.forEach((server) => server.close()));

/**
 * A stand-in for Zoho's embedded-app SDK: PageLoad names `recordId`, as the real one does on that
 * record's page.
 */
async function fakeZohoSdk(context: BrowserContext, recordId: string) {
  const sdk = 'https://live.zwidgets.com/**';
  await context.unroute(sdk);
  await context.route(sdk, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `window.ZOHO = { embeddedApp: {
        handlers: {},
        on(name, fn) { this.handlers[name] = fn; },
        init() {
          setTimeout(() => this.handlers.PageLoad?.({ Entity: 'Contacts', EntityId: ${JSON.stringify(recordId)} }), 10);
          return Promise.resolve();
        },
      } };`,
    }),
  );
}

/** Bigin's page of a record, with the widget in its frame. */
async function openInBigin(page: Page, recordId: string): Promise<FrameLocator> {
  await fakeZohoSdk(page.context(), recordId);
  await page.goto(`${HOST}/?record=${recordId}`);
  return page.frameLocator('#widget');
}

const signInButton = (frame: FrameLocator) =>
  frame.getByRole('button', { name: 'Sign in in a new window' });

/** The widget's sign-in: its button, the window it opens, the consent page there. */
async function signInThroughWindow(page: Page, frame: FrameLocator, user: DemoUserName) {
  const opened = page.waitForEvent('popup');
  await signInButton(frame).click();
  const signIn = await opened;
  // It closes itself once it has handed the code over: maybe before the click is done.
  const closed = signIn.waitForEvent('close');
  await signIn.getByRole('button', { name: user, exact: true }).click();
  await closed;
}

const grid = (frame: FrameLocator) => frame.getByRole('grid');

test('Patricia Boyle signs in inside Bigin’s frame, with no cookie reaching it: sees, previews, downloads and uploads', async ({
  page,
}) => {
  // A cookie of the app's own site, as lax as a cookie may be: the frame never sees it.
  await page.goto(`${APP}/auth/signed-out`);
  await page.evaluate(() => (document.cookie = 'probe=1; SameSite=None; Secure; Path=/'));
  const frame = await openInBigin(page, DOC_REQUEST_RECORD_ID);
  await expect(signInButton(frame)).toBeVisible();
  const widget = page.frame({ url: (url) => url.pathname.startsWith('/embed/') })!;
  expect(await widget.evaluate(() => document.cookie)).not.toContain('probe=1');
  expect(await widget.evaluate(() => document.hasStorageAccess())).toBe(false);

  await signInThroughWindow(page, frame, 'Patricia Boyle');
  await expect(grid(frame).getByRole('row')).toHaveCount(4);
  await expect(frame.getByText('Signed in as Patricia Boyle')).toBeVisible();
  // The window's sign-in left a cookie, first-party, which the frame never gets: the frame
  // token alone lets it in.
  expect(
    await widget.evaluate(async () => (await (await fetch('/api/session')).json()).signedIn),
  ).toBe(false);
  await expect.poll(async () => (await page.context().cookies(APP)).length).toBeGreaterThan(1);

  const files = await listed(page, 'Contacts', DOC_REQUEST_RECORD_ID);
  const png = files.find((f) => f.File_Name.endsWith('.png'))!;
  const text = files.find((f) => f.File_Name.endsWith('.txt'))!;
  const thumbnail = grid(frame).locator('img[loading="lazy"]').first();
  await expect
    .poll(() => thumbnail.evaluate((el: HTMLImageElement) => el.naturalWidth))
    .toBeGreaterThan(0);

  await frame.getByRole('button', { name: `Preview ${png.File_Name}` }).click();
  const panel = frame.getByRole('dialog', { name: `Preview of ${png.File_Name}` });
  const image = panel.getByRole('img', { name: png.File_Name });
  await expect
    .poll(() => image.evaluate((el: HTMLImageElement) => el.naturalWidth))
    .toBeGreaterThan(0);
  await frame.locator('body').press('Escape');
  await expect(panel).toBeHidden();

  const download = page.waitForEvent('download');
  await frame.getByRole('link', { name: `Download ${text.File_Name}` }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(text.File_Name);
  expect(await readFile((await saved.path())!)).toEqual(
    await sandboxBytes(page.request, 'Contacts', DOC_REQUEST_RECORD_ID, text.id),
  );

  // Another record in Bigin, in the same tab: the widget loads again, and asks no sign-in.
  const recordId = uploadRecord;
  const next = await openInBigin(page, recordId);
  await expect(next.getByText('Signed in as Patricia Boyle')).toBeVisible();
  await expect(signInButton(next)).toHaveCount(0);
  const name = `from-bigin-${Date.now()}.txt`;
  await next
    .getByRole('toolbar', { name: 'File actions' })
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from('from Bigin\n') });
  await expect(
    next.getByRole('region', { name: 'Uploads' }).getByRole('listitem', { name }),
  ).toHaveAttribute('data-upload-phase', 'done');
  await expect(grid(next).getByText(name)).toBeVisible();
  expect((await listed(page, 'Contacts', recordId)).map((row) => row.File_Name)).toContain(name);
});

test('signed out in the widget, Sam Rivera signs in in the same frame and gets Bigin’s NO_PERMISSION', async ({
  page,
}) => {
  const frame = await openInBigin(page, DOC_REQUEST_RECORD_ID);
  await signInThroughWindow(page, frame, 'Patricia Boyle');
  await expect(grid(frame).getByRole('row')).toHaveCount(4);

  await frame.getByRole('button', { name: 'Sign out' }).click();
  await expect(frame.getByRole('alert')).toContainText('You signed out of this widget');
  await expect(grid(frame)).toHaveCount(0);

  // Patricia's sign-in is over in the window too: the consent page asks who signs in now.
  await signInThroughWindow(page, frame, 'Sam Rivera');
  await expect(frame.getByText('Signed in as Sam Rivera')).toBeVisible();
  const refusal = frame.locator('[data-error-code="NO_PERMISSION"]');
  await expect(refusal).toContainText('Your Bigin profile may not read attachments');
  await expect(grid(frame).getByText('Business card.png')).toHaveCount(0);
});

test('the session ends during an upload: the widget says so, keeps the upload, and it succeeds after a new sign-in', async ({
  page,
}) => {
  const recordId = inFlightRecord;
  const frame = await openInBigin(page, recordId);
  await signInThroughWindow(page, frame, 'Patricia Boyle');
  await expect(frame.getByText('Signed in as Patricia Boyle')).toBeVisible();

  // The upload is held on its way while Patricia signs out in another tab of the app.
  let held!: (route: Route) => void;
  const upload = new Promise<Route>((resolve) => (held = resolve));
  await page.route(`${APP}/api/records/Contacts/${recordId}/attachments`, (route) =>
    route.request().method() === 'POST' ? held(route) : route.fallback(),
  );
  const name = `in-flight-${Date.now()}.txt`;
  await frame
    .getByRole('toolbar', { name: 'File actions' })
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from('in flight\n') });
  const route = await upload;
  const app = page.context().request;
  const { csrfToken } = (await (await app.get(`${APP}/api/session`)).json()) as {
    csrfToken: string;
  };
  const out = await app.post(`${APP}/auth/sign-out`, {
    headers: { Origin: APP, 'X-CSRF-Token': csrfToken },
  });
  expect(out.status()).toBe(204);
  await route.continue();
  await page.unroute(`${APP}/api/records/Contacts/${recordId}/attachments`);

  const item = frame.getByRole('region', { name: 'Uploads' }).getByRole('listitem', { name });
  await expect(item).toHaveAttribute('data-upload-phase', 'refused');
  await expect(item).toContainText('Your session in this widget ended: sign in again');
  await expect(frame.getByRole('alert').first()).toContainText(
    'Your session in this widget ended: sign in again',
  );
  // What was on screen stays: the grid, and the upload to retry.
  await expect(grid(frame)).toBeVisible();

  await signInThroughWindow(page, frame, 'Patricia Boyle');
  await expect(frame.getByText('Signed in as Patricia Boyle')).toBeVisible();
  await item.getByRole('button', { name: `Upload ${name} again` }).click();
  await expect(item).toHaveAttribute('data-upload-phase', 'done');
  await expect(grid(frame).getByText(name)).toBeVisible();
});

test('a code reaches only the app’s own origin, serves once, and not from another site', async ({
  page,
  context,
}) => {
  // A stranger opens the sign-in window itself: the code is posted to the app's origin only.
  await page.goto(`${STRANGER}/`);
  const opened = page.waitForEvent('popup');
  await page.evaluate(
    (url) => window.open(url, 'sign-in', 'popup'),
    `${APP}/auth/frame-sign-in?nonce_sha256=${'A'.repeat(43)}`,
  );
  const signIn = await opened;
  const closed = signIn.waitForEvent('close');
  await signIn.getByRole('button', { name: 'Patricia Boyle', exact: true }).click();
  await closed;
  expect(
    await page.evaluate(() => (window as unknown as { received: unknown[] }).received),
  ).toEqual([]);

  // The app's own page gets one (the window's cookie is signed in now: no consent page).
  const app = await context.newPage();
  await app.goto(`${APP}/auth/signed-out`);
  const nonce = 'e2e-nonce-0123456789abcdefghijklmnopqrstu';
  const code = await app.evaluate(async (nonce) => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(nonce));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const popup = window.open(`/auth/frame-sign-in?nonce_sha256=${hash}`, 'sign-in', 'popup');
    return new Promise<string>((resolve) =>
      window.addEventListener('message', (event) => {
        if (event.source === popup) resolve((event.data as { code: string }).code);
      }),
    );
  }, nonce);

  // Sent from the stranger's page, it never reaches the proxy: the browser refuses the request.
  const fromStranger = await page.evaluate(
    async ({ url, body }) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then(
        (r) => r.status,
        (e: unknown) => String(e),
      ),
    { url: `${APP}/auth/frame-token`, body: JSON.stringify({ code, nonce }) },
  );
  expect(fromStranger).toMatch(/TypeError/);

  const trade = () =>
    app.evaluate(async (body) => {
      const answer = await fetch('/auth/frame-token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      const json = (await answer.json()) as { code?: string; token?: string };
      return `${answer.status} ${json.code ?? json.token?.slice(0, 4)}`;
    }, JSON.stringify({ code, nonce }));
  expect(await trade()).toBe('200 bf1.');
  expect(await trade()).toBe('400 PROXY_EMBED_CODE_REFUSED');
});
