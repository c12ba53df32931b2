import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_REQUEST_RECORD_ID, PDF_ATTACHMENT_ID } from '../../sandbox/seed-ids.ts';
import { apiPaths, previewLinksSchema } from '../../shared/api-contract.ts';
import { loadConfig } from '../config.ts';
import { SANDBOX_EMBED_SECRET } from '../embed/embed-config.ts';
import { signEmbedToken } from '../embed/embed-token.ts';
import { start, type Started } from '../start.ts';
import { TestBrowser } from '../test-support/browser.ts';
import { signInAtSandbox } from '../test-support/sandbox-sign-in.ts';
import { tempDataDir } from '../test-support/temp-data-dir.ts';

const PNG_ID = '4150868000004100001';
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

// The clock links are minted and checked by; moved forward to see a link expire.
let skewMs = 0;
let stack: Started;
beforeAll(async () => {
  stack = await start(
    loadConfig({ PORT: '0', SANDBOX_PORT: '0', DATA_DIR: tempDataDir() }),
    () => {},
    { now: () => Date.now() + skewMs },
  );
});
afterAll(() => stack.close());

/** Patricia Boyle, signed in, and the preview links the app's origin mints for her. */
async function signedIn() {
  const browser = new TestBrowser(stack.appUrl);
  await signInAtSandbox(browser, 'Patricia Boyle');
  const mint = async (ids: string[]) => {
    const answer = await browser.fetch(
      apiPaths.previewLinks('Contacts', DOC_REQUEST_RECORD_ID, ids),
    );
    expect(answer.status).toBe(200);
    return previewLinksSchema.parse(await answer.json());
  };
  return { browser, mint };
}

/** A link's token with one claim changed, its signature kept. */
function withClaim(link: string, claim: string, value: unknown): string {
  const url = new URL(link);
  const [prefix, payload, signature] = url.pathname.split('/').pop()!.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  claims[claim] = value;
  const forged = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${url.origin}/preview/${prefix}.${forged}.${signature}`;
}

const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

describe('previews from an origin of their own, over real sockets', () => {
  it('listens on another origin than the app, which the app mints links to', async () => {
    expect(stack.previewUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.previewUrl).not.toBe(stack.appUrl);
    const { mint } = await signedIn();
    const minted = await mint([PNG_ID, PDF_ATTACHMENT_ID]);
    expect(minted.separateOrigin).toBe(true);
    expect(Object.keys(minted.links).sort()).toEqual([PNG_ID, PDF_ATTACHMENT_ID].sort());
    for (const link of Object.values(minted.links)) {
      expect(new URL(link).origin).toBe(stack.previewUrl);
    }
    // Good for a few minutes, no more.
    expect(minted.expiresAt - Date.now()).toBeGreaterThan(60_000);
    expect(minted.expiresAt - Date.now()).toBeLessThanOrEqual(10 * 60_000);
  });

  it('serves an image and a PDF with a valid link and no cookie, sandboxed, framed by the app only', async () => {
    const { mint } = await signedIn();
    const { links } = await mint([PNG_ID, PDF_ATTACHMENT_ID]);
    const image = await fetch(links[PNG_ID]!);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await image.arrayBuffer()).slice(0, 4)]).toEqual(PNG_MAGIC);
    expect(image.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-security-policy')).toMatch(
      new RegExp(`^sandbox; frame-ancestors ${stack.appUrl}( |$)`),
    );

    const pdf = await fetch(links[PDF_ATTACHMENT_ID]!, { headers: { 'Sec-Fetch-Dest': 'iframe' } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline/);
    expect(pdf.headers.get('content-security-policy')).toMatch(
      new RegExp(`^sandbox allow-scripts; frame-ancestors ${stack.appUrl}( |$)`),
    );
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('refuses a link that was altered, or signed by another server', async () => {
    const { mint } = await signedIn();
    const link = (await mint([PNG_ID])).links[PNG_ID]!;
    const tampered = [
      // Another attachment, another record: the signature no longer matches.
      withClaim(link, 'a', PDF_ATTACHMENT_ID),
      withClaim(link, 'r', '1000000231010'),
      withClaim(link, 'e', Date.now() + 24 * 3600_000),
      // The signature itself changed.
      link.slice(0, -2) + (link.endsWith('AA') ? 'BB' : 'AA'),
      `${stack.previewUrl}/preview/pv1.e30.c2lnbmF0dXJl`,
      `${stack.previewUrl}/preview/not-a-link`,
      `${stack.previewUrl}/preview/`,
    ];
    for (const url of tampered) {
      const answer = await fetch(url);
      expect(answer.status, url).toBe(401);
      expect(await codeOf(answer)).toBe('PROXY_PREVIEW_LINK_INVALID');
    }
  });

  it('refuses a link past its few minutes', async () => {
    const { mint } = await signedIn();
    const link = (await mint([PNG_ID])).links[PNG_ID]!;
    skewMs = 6 * 60_000;
    try {
      const answer = await fetch(link);
      expect(answer.status).toBe(401);
      expect(await codeOf(answer)).toBe('PROXY_PREVIEW_LINK_EXPIRED');
    } finally {
      skewMs = 0;
    }
  });

  it('opens nothing more once its session has signed out', async () => {
    const { browser, mint } = await signedIn();
    const link = (await mint([PNG_ID])).links[PNG_ID]!;
    expect((await browser.write('/auth/sign-out')).status).toBe(204);
    const answer = await fetch(link);
    expect(answer.status).toBe(401);
    expect(await codeOf(answer)).toBe('PROXY_SIGNED_OUT');
  });

  it('serves nothing else: no session, no API, no app shell, even with the app’s cookie', async () => {
    const { browser, mint } = await signedIn();
    const link = (await mint([PNG_ID])).links[PNG_ID]!;
    const cookie = { cookie: browser.cookieHeader };
    for (const path of [
      '/api/session',
      '/',
      '/index.html',
      `/Contacts/${DOC_REQUEST_RECORD_ID}`,
      apiPaths.preview('Contacts', DOC_REQUEST_RECORD_ID, PNG_ID),
      '/auth/sign-in',
    ]) {
      const answer = await fetch(`${stack.previewUrl}${path}`, { headers: cookie });
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type'), path).toMatch(/^text\/plain/);
      expect(answer.headers.get('content-security-policy'), path).toContain('sandbox');
    }
    // A link is read, never written to.
    const post = await fetch(link, { method: 'POST', headers: cookie });
    expect(post.status).toBe(404);
  });

  it('is named in the app’s CSP, and the app’s own origin never shows a PDF inline', async () => {
    const { browser } = await signedIn();
    const page = await browser.fetch(`/Contacts/${DOC_REQUEST_RECORD_ID}`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain(`frame-src 'self' ${stack.previewUrl}`);
    expect(csp).toContain(`img-src 'self' data: blob: ${stack.previewUrl}`);
    expect(csp).toContain(`media-src 'self' ${stack.previewUrl}`);
    const pdf = await browser.fetch(
      apiPaths.preview('Contacts', DOC_REQUEST_RECORD_ID, PDF_ATTACHMENT_ID),
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment/);
    await pdf.arrayBuffer();
  });

  it('mints links for an embed’s signed link, within its record, framed by its host', async () => {
    const host = 'https://crm.example.com';
    const embedLink = signEmbedToken(
      {
        module: 'Contacts',
        recordId: DOC_REQUEST_RECORD_ID,
        actions: ['view', 'download'],
        exp: Math.floor(Date.now() / 1000) + 600,
        origin: host,
      },
      SANDBOX_EMBED_SECRET,
    );
    const asWidget = (path: string) =>
      fetch(`${stack.appUrl}${path}`, { headers: { Authorization: `Bearer ${embedLink}` } });
    const answer = await asWidget(
      apiPaths.previewLinks('Contacts', DOC_REQUEST_RECORD_ID, [PNG_ID]),
    );
    expect(answer.status).toBe(200);
    const link = previewLinksSchema.parse(await answer.json()).links[PNG_ID]!;
    const image = await fetch(link);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-security-policy')).toBe(
      `sandbox; frame-ancestors ${stack.appUrl} ${host}`,
    );
    await image.arrayBuffer();
    // Another record is out of the link's reach, for previews as for everything else.
    const other = await asWidget(apiPaths.previewLinks('Contacts', '1000000231010', [PNG_ID]));
    expect(other.status).toBe(403);
    expect(await codeOf(other)).toBe('PROXY_EMBED_WRONG_RECORD');
  });

  it('mints nothing for a visitor who is not signed in', async () => {
    const answer = await new TestBrowser(stack.appUrl).fetch(
      apiPaths.previewLinks('Contacts', DOC_REQUEST_RECORD_ID, [PNG_ID]),
    );
    expect(answer.status).toBe(401);
    expect(await codeOf(answer)).toBe('PROXY_SIGNED_OUT');
  });
});
