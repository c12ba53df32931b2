import { createServer, type Server } from 'node:http';
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test';
import { EMBED_ACTIONS, type EmbedAction, type EmbedClaims } from '../src/shared/embed-contract.ts';
import { signEmbedToken } from '../src/server/embed/embed-token.ts';
import {
  DOC_REQUEST_RECORD_ID,
  LINKS_RECORD_ID,
  SIZES_RECORD_ID,
} from '../src/sandbox/seed-ids.ts';
import { e2eRun } from './support/run-files.ts';
import { spareContact, uploadThroughProxy } from './support/sandbox-files.ts';
import { expect, signInThroughConsentPage, test } from './support/test.ts';

// The widget must work by its signed link alone: nobody signs in.
test.use({ demoUser: null });

const SECRET = 'e2e-embed-secret-0123456789abcdef0123456789';
const { port, sandboxPort } = e2eRun();
const APP = `http://127.0.0.1:${port}`;
/**
 * Host pages, served for real (a page the test answers itself counts as a public site, which
 * Chrome may not let reach a loopback address): at localhost, another site than 127.0.0.1.
 * HOST is listed in EMBED_ALLOWED_ORIGINS (playwright.config.ts), STRANGER is not.
 */
const HOST_PORT = port + 5;
const HOST = `http://localhost:${HOST_PORT}`;
const STRANGER = `http://localhost:${HOST_PORT + 1}`;
let hostPage = '';
const hostServers: Server[] = [];

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  for (const listenPort of [HOST_PORT, HOST_PORT + 1]) {
    const server = createServer((request, response) => {
      const body = request.url === '/stranger.html' ? '<!doctype html><title>x</title>' : hostPage;
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
    hostServers.push(server);
  }
});
test.afterAll(() => hostServers.forEach((server) => server.close()));

const link = (recordId: string, over: Partial<EmbedClaims> = {}, secret = SECRET) =>
  signEmbedToken(
    {
      module: 'Contacts',
      recordId,
      actions: ['view', 'download'] as EmbedAction[],
      exp: Math.floor(Date.now() / 1000) + 600,
      ...over,
    },
    secret,
  );
const widgetUrl = (recordId: string, token: string, path = recordId) =>
  `${APP}/embed/Contacts/${path}?token=${encodeURIComponent(token)}`;

/**
 * A host page at `origin` that frames the widget, sizes the frame to what the widget says, and
 * keeps every message it receives from the app's origin.
 */
async function openHost(page: Page, origin: string, src: string) {
  hostPage = `<!doctype html><html><body>
    <h1>Host</h1>
    <iframe id="widget" title="Attachments" src="${src}" style="width: 900px; height: 150px"></iframe>
    <script>
      window.received = [];
      window.addEventListener('message', (event) => {
        if (event.origin !== ${JSON.stringify(APP)}) return;
        window.received.push(event.data);
        if (event.data.type === 'resize')
          document.getElementById('widget').style.height = event.data.height + 'px';
      });
    </script>
  </body></html>`;
  await page.goto(`${origin}/host.html`);
  return page.frameLocator('#widget');
}

const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { received: { type: string }[] }).received);
const receivedOf = async (page: Page, type: string) =>
  (await received(page)).filter((m) => m.type === type) as { type: string; recordId?: string }[];

test('a host on another site embeds a record: rows, a frame sized to them, a file opened', async ({
  page,
}) => {
  const frame = await openHost(page, HOST, widgetUrl(LINKS_RECORD_ID, link(LINKS_RECORD_ID)));
  const grid = frame.getByRole('grid');
  await expect(grid.getByRole('row').nth(1)).toBeVisible();
  // No app bar inside the frame: only the attachments.
  await expect(frame.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

  await expect.poll(async () => (await receivedOf(page, 'ready')).length).toBeGreaterThan(0);
  await expect
    .poll(async () => (await page.locator('#widget').boundingBox())?.height ?? 0)
    .toBeGreaterThan(250);
  const [resize] = await receivedOf(page, 'resize');
  expect(resize).toMatchObject({ source: 'bigin-attachments', height: expect.any(Number) });

  // A link attachment opens its address in a new tab, here by Enter on its row; the host hears
  // which attachment it was. Not by a click: on a busy machine, headless Chromium now and then
  // stops drawing this cross-site frame for good once the host has resized it (2 runs in 40: its
  // animation frames stop, its timers still run, a further resize does not wake it), and a click
  // waits on animation frames to see that the link holds still.
  const popup = page.waitForEvent('popup');
  await grid.getByRole('link').first().press('Enter');
  await (await popup).close();
  await expect
    .poll(() => receivedOf(page, 'file-opened'))
    .toEqual([
      expect.objectContaining({ how: 'link', attachmentId: expect.stringMatching(/^\d+$/) }),
    ]);
});

test('a host that is not allowed gets nothing: the browser refuses the frame', async ({ page }) => {
  let served = '';
  page.on('response', (response) => {
    if (response.url().startsWith(`${APP}/embed/`))
      served = response.headers()['content-security-policy'] ?? '';
  });
  const frame = await openHost(page, STRANGER, widgetUrl(LINKS_RECORD_ID, link(LINKS_RECORD_ID)));
  await expect.poll(() => served).toContain(`frame-ancestors ${HOST}`);
  // What the browser does instead of showing it: the frame gets its own error page.
  await expect
    .poll(() => page.frames().map((f) => f.url()))
    .toContainEqual(expect.stringMatching(/^chrome-error:/));
  await expect(frame.getByRole('grid')).toHaveCount(0);
  expect(await received(page)).toEqual([]);
});

test.describe('signed links', () => {
  const banner = (page: Page) => page.getByRole('alert');

  test('a valid link shows the record with no sign-in', async ({ page }) => {
    await page.goto(widgetUrl(DOC_REQUEST_RECORD_ID, link(DOC_REQUEST_RECORD_ID)));
    await expect(page.getByRole('grid').getByRole('row')).toHaveCount(4);
  });

  for (const [label, url, code, title] of [
    [
      'an expired link',
      widgetUrl(DOC_REQUEST_RECORD_ID, link(DOC_REQUEST_RECORD_ID, { exp: 1_700_000_000 })),
      'PROXY_EMBED_TOKEN_EXPIRED',
      'This link has expired',
    ],
    [
      'a tampered link',
      widgetUrl(DOC_REQUEST_RECORD_ID, link(DOC_REQUEST_RECORD_ID).replace(/\.(\w)/, '.X$1')),
      'PROXY_EMBED_TOKEN_INVALID',
      'This link is not valid',
    ],
    [
      'a link made with another secret',
      widgetUrl(DOC_REQUEST_RECORD_ID, link(DOC_REQUEST_RECORD_ID, {}, 'x'.repeat(40))),
      'PROXY_EMBED_TOKEN_INVALID',
      'This link is not valid',
    ],
    [
      "another record's link",
      widgetUrl(LINKS_RECORD_ID, link(LINKS_RECORD_ID), DOC_REQUEST_RECORD_ID),
      'PROXY_EMBED_WRONG_RECORD',
      'This link is for another record',
    ],
  ] as const) {
    test(`${label} gets a banner and no rows`, async ({ page }) => {
      await page.goto(url);
      await expect(banner(page)).toContainText(title);
      await expect(banner(page)).toHaveAttribute('data-error-code', code);
      await expect(page.getByRole('grid')).toHaveCount(0);
    });
  }

  test('an action the link does not grant is not offered, and the API refuses it', async ({
    page,
  }) => {
    const token = link(DOC_REQUEST_RECORD_ID, { actions: ['view'] });
    await page.goto(widgetUrl(DOC_REQUEST_RECORD_ID, token));
    await expect(page.getByRole('grid').getByRole('row')).toHaveCount(4);
    // The widget offers only what the link grants...
    for (const name of [/^Upload/, /^Attach a link/, /^Delete/, /^Download/, /^Preview/]) {
      await expect(page.getByRole('button', { name })).toHaveCount(0);
    }
    await expect(page.getByRole('link', { name: /^Download/ })).toHaveCount(0);
    // ...and the API refuses the rest all the same, to anyone holding the link.
    const base = `/api/records/Contacts/${DOC_REQUEST_RECORD_ID}/attachments`;
    const answers = await page.evaluate(
      async ({ base, token }) => {
        const headers = { Authorization: `Bearer ${token}` };
        const list = await fetch(`${base}?page=1`, { headers });
        const rows = (await list.json()).data as { id: string }[];
        const del = await fetch(`${base}/${rows[0]!.id}`, { method: 'DELETE', headers });
        const other = await fetch('/api/modules', { headers });
        return [list.status, del.status, (await del.json()).code, other.status];
      },
      { base, token },
    );
    expect(answers).toEqual([200, 403, 'PROXY_EMBED_ACTION_DENIED', 403]);
  });
});

test.describe('writes through a signed link, in a host on another site', () => {
  // A contact of the seed that no other spec looks at (file-writes and the banners take 0-11).
  let recordId = '';
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ baseURL: APP });
    const admin = await context.newPage();
    await signInThroughConsentPage(admin, 'Patricia Boyle');
    recordId = await spareContact(admin, 12);
    // A file for the refused delete to aim at.
    const seeded = await uploadThroughProxy(admin, 'Contacts', recordId, {
      name: 'keep-me.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('kept\n'),
    });
    expect(seeded.ok()).toBe(true);
    await context.close();
  });

  /** The record's file names as Bigin holds them, read with a link of its own. */
  const namesOnRecord = async (request: APIRequestContext) => {
    const answer = await request.get(
      `${APP}/api/records/Contacts/${recordId}/attachments?page=1&per_page=200`,
      { headers: { Authorization: `Bearer ${link(recordId, { actions: ['view'] })}` } },
    );
    expect(answer.status()).toBe(200);
    return ((await answer.json()) as { data: { File_Name: string }[] }).data
      .map((row) => row.File_Name)
      .sort();
  };
  const chooseFile = (frame: FrameLocator, name: string) =>
    frame
      .getByRole('toolbar', { name: 'File actions' })
      .locator('input[type="file"]')
      .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(`${name}\n`) });
  const uploadItem = (frame: FrameLocator, name: string) =>
    frame.getByRole('region', { name: 'Uploads' }).getByRole('listitem', { name });
  const deleteRow = async (frame: FrameLocator, name: string) => {
    await frame.getByRole('button', { name: `Delete ${name}` }).click();
    await frame
      .getByRole('dialog', { name: 'Delete this attachment?' })
      .getByRole('button', { name: 'Delete' })
      .click();
  };

  test('a link that grants upload and delete uploads a file, with progress, and deletes one', async ({
    page,
  }) => {
    const token = link(recordId, { actions: ['view', 'upload', 'delete'] });
    const frame = await openHost(page, HOST, widgetUrl(recordId, token));
    const grid = frame.getByRole('grid');
    await expect(grid.getByText('keep-me.txt')).toBeVisible();

    const name = `from-the-widget-${Date.now()}.txt`;
    await chooseFile(frame, name);
    await expect(uploadItem(frame, name)).toHaveAttribute('data-upload-phase', 'done');
    await expect(grid.getByText(name)).toBeVisible();
    expect(await namesOnRecord(page.request)).toContain(name);

    await deleteRow(frame, name);
    await expect(frame.getByText('Attachment deleted.')).toBeVisible();
    await expect(grid.getByText(name)).toHaveCount(0);
    expect(await namesOnRecord(page.request)).not.toContain(name);
  });

  test('a link that does not grant them is refused: the widget says so, the record is unchanged', async ({
    page,
  }) => {
    const token = link(recordId, { actions: ['view', 'download'] });
    // The widget offers only what the link grants. Told that it grants everything, it offers
    // upload and delete, and the proxy, which reads the link itself, refuses them.
    await page.route('**/api/embed/context', async (route) => {
      const response = await route.fetch();
      const context = (await response.json()) as { grant: EmbedClaims };
      await route.fulfill({
        response,
        json: { ...context, grant: { ...context.grant, actions: [...EMBED_ACTIONS] } },
      });
    });
    const frame = await openHost(page, HOST, widgetUrl(recordId, token));
    const grid = frame.getByRole('grid');
    await expect(grid.getByText('keep-me.txt')).toBeVisible();
    const before = await namesOnRecord(page.request);

    const name = `refused-${Date.now()}.txt`;
    await chooseFile(frame, name);
    await expect(uploadItem(frame, name)).toHaveAttribute('data-upload-phase', 'refused');
    await expect(uploadItem(frame, name)).toContainText(
      'Not uploaded: This embed link does not allow this action (PROXY_EMBED_ACTION_DENIED).',
    );

    await deleteRow(frame, 'keep-me.txt');
    await expect(
      frame.getByRole('alert').filter({
        hasText: 'The attachment was not deleted: This embed link does not allow this action',
      }),
    ).toBeVisible();
    await expect(grid.getByText('keep-me.txt')).toBeVisible();
    expect(await namesOnRecord(page.request)).toEqual(before);
  });
});

test('messages from a foreign origin or of a wrong shape are ignored', async ({ page }) => {
  const frame = await openHost(page, HOST, widgetUrl(LINKS_RECORD_ID, link(LINKS_RECORD_ID)));
  await expect(frame.getByRole('grid').getByRole('row').nth(1)).toBeVisible();
  const showOther = {
    type: 'show-record',
    module: 'Contacts',
    recordId: DOC_REQUEST_RECORD_ID,
    token: link(DOC_REQUEST_RECORD_ID),
  };
  // A stranger's frame beside the widget posts a well-formed message to it.
  await page.evaluate((src) => {
    const stranger = document.createElement('iframe');
    stranger.id = 'stranger';
    stranger.src = src;
    document.body.append(stranger);
    return new Promise((resolve) => stranger.addEventListener('load', resolve));
  }, `${STRANGER}/stranger.html`);
  const strangerFrame = page.frames().find((f) => f.url().startsWith(STRANGER))!;
  await strangerFrame.evaluate((message) => {
    window.parent.frames[0]!.postMessage(message, '*');
  }, showOther);
  // The host itself, with wrong shapes.
  await page.evaluate((message) => {
    const widget = (document.getElementById('widget') as HTMLIFrameElement).contentWindow!;
    widget.postMessage({ ...message, recordId: 'not-an-id' }, '*');
    widget.postMessage({ ...message, type: 'show-everything' }, '*');
    widget.postMessage(JSON.stringify(message), '*');
  }, showOther);
  // Then a well-formed message from the host, for a third record, is obeyed. Messages arrive in
  // the order they were posted, so once it is shown, every message above has been read: had one
  // been obeyed, the PDF record would have been shown (and announced) first.
  await page.evaluate(
    (message) => {
      (document.getElementById('widget') as HTMLIFrameElement).contentWindow!.postMessage(
        message,
        '*',
      );
    },
    { ...showOther, recordId: SIZES_RECORD_ID, token: link(SIZES_RECORD_ID) },
  );
  await expect
    .poll(async () => (await receivedOf(page, 'ready')).map((m) => m.recordId))
    .toEqual([LINKS_RECORD_ID, SIZES_RECORD_ID]);
  await expect(frame.getByRole('grid')).not.toContainText('Signed NDA.pdf');
});

test('the Bigin widget shows the record Zoho names in PageLoad', async ({ page }) => {
  // A stand-in for Zoho's SDK: PageLoad fires on init(), as the real one does on a record page.
  await page.route('https://live.zwidgets.com/**', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `window.ZOHO = { embeddedApp: {
        handlers: {},
        on(name, fn) { this.handlers[name] = fn; },
        init() { setTimeout(() => this.handlers.PageLoad?.({ Entity: 'Contacts', EntityId: [${JSON.stringify(DOC_REQUEST_RECORD_ID)}, '1'] }), 10); return Promise.resolve(); },
      } };`,
    }),
  );
  // No cookie reaches Bigin's frame here: the widget asks for a sign-in, in a new window.
  await page.goto('/bigin-widget');
  await expect(page).toHaveURL(new RegExp(`/embed/Contacts/${DOC_REQUEST_RECORD_ID}\\?selected=2`));
  await expect(page.getByRole('button', { name: 'Sign in in a new window' })).toBeVisible();

  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in in a new window' }).click();
  const signIn = await popup;
  await signIn.getByRole('button', { name: 'Patricia Boyle', exact: true }).click();
  await expect(page.getByRole('grid').getByRole('row')).toHaveCount(4);
  await expect(page.getByText('2 records are selected')).toBeVisible();
});

test('the sandbox’s example host embeds a record from its own origin', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${sandboxPort}/embed-example`);
  const frame = page.frameLocator('#attachments');
  await expect(frame.getByRole('grid').getByRole('row')).toHaveCount(4);
  await expect(page.locator('#messages')).toContainText('"type":"ready"');
  await expect
    .poll(async () => (await page.locator('#attachments').boundingBox())?.height ?? 0)
    .toBeGreaterThan(200);
});
