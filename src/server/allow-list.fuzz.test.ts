import { Agent, request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyOver, type ProxyOver } from './test-support/proxy-over.ts';
import { ScriptedZoho } from './test-support/scripted-zoho.ts';

let zoho: ScriptedZoho;
let proxy: ProxyOver;
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

beforeAll(async () => {
  zoho = await new ScriptedZoho().start();
  zoho.bigin = () => ({ status: 204 });
  proxy = await proxyOver(zoho);
});
afterAll(async () => {
  agent.destroy();
  await proxy.close();
  await zoho.close();
});

/** Sends `path` byte for byte, as an attacker would: no URL normalisation on the way. */
function raw(method: string, path: string): Promise<number> {
  return rawResponse(method, path).then((response) => response.status);
}

function rawResponse(
  method: string,
  path: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const { port } = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const MODULE = '[A-Za-z][A-Za-z0-9_]{0,49}';
/** Every upstream URL the proxy may produce: anything else has left the allow-list. */
const ALLOWED_PATHS = [
  /^\/bigin\/v2\/settings\/(modules|fields)$/,
  new RegExp(`^/bigin/v2/${MODULE}$`),
  new RegExp(`^/bigin/v2/${MODULE}/search$`),
  new RegExp(`^/bigin/v2/${MODULE}/\\d{1,19}$`),
  new RegExp(`^/bigin/v2/${MODULE}/\\d{1,19}/Attachments$`),
];
const ALLOWED_QUERY_KEYS = new Set([
  'fields',
  'sort_by',
  'sort_order',
  'page',
  'per_page',
  'page_token',
  'word',
  'module',
]);
/** Encoded or plain: dot-dot, slash inside a value, backslash, NUL, CR, LF. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const FORBIDDEN_ON_THE_WIRE = /\.\.|%2e%2e|%2f|%5c|\\|%00|%0a|%0d|[\u0000-\u001f]/i;

const nasty = fc.constantFrom(
  '..',
  '.',
  '%2e%2e',
  '%2E%2E%2F',
  '%2F',
  '%2f..%2f',
  '%5C',
  '\\',
  '%00',
  '%0d%0a',
  '%0A',
  '%252F',
  '%c0%ae%c0%ae',
  '%ef%bc%8f',
  'settings',
  'modules',
  'search',
  'Attachments',
  'attachments',
  'photo',
  'users',
  'org',
  '~',
  ';',
  '@evil.example',
  'http:',
  '%3F',
  '%23',
  '?',
  '#',
  '&',
  '=',
);
const moduleName = fc.constantFrom('Contacts', 'Accounts', 'Deals', 'Products', 'Foo_1', 'x');
const id = fc.oneof(fc.stringMatching(/^\d{1,19}$/), fc.stringMatching(/^\d{20,22}$/));
const segment = fc.oneof(
  nasty,
  moduleName,
  id,
  fc.string({ maxLength: 8 }).map(encodeURIComponent),
  fc.tuple(nasty, moduleName, nasty).map(([a, b, c]) => `${a}${b}${c}`),
);
const pathOf = fc.oneof(
  // Well-formed routes (with hostile queries) reach Bigin: the checks below then have work to do.
  {
    arbitrary: fc.tuple(moduleName, id).map(([m, r]) => `/api/records/${m}/${r}/attachments`),
    weight: 2,
  },
  { arbitrary: fc.tuple(moduleName, id).map(([m, r]) => `/api/records/${m}/${r}`), weight: 1 },
  { arbitrary: moduleName.map((m) => `/api/records/${m}/search`), weight: 1 },
  { arbitrary: moduleName.map((m) => `/api/records/${m}`), weight: 1 },
  fc.array(segment, { minLength: 0, maxLength: 6 }).map((s) => `/api/${s.join('/')}`),
  fc.tuple(segment, segment).map(([m, r]) => `/api/records/${m}/${r}`),
  fc.tuple(segment, segment).map(([m, r]) => `/api/records/${m}/${r}/attachments`),
  segment.map((m) => `/api/records/${m}/search`),
  segment.map((m) => `/api/records/${m}`),
);
const queryOf = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('page', 'per_page', 'word', 'fields', 'sort_by', 'returnTo', 'module'),
        nasty,
      ),
      fc.oneof(
        nasty,
        fc.integer({ min: -5, max: 300 }).map(String),
        fc.string({ maxLength: 12 }).map(encodeURIComponent),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));

describe('the allow-list, fuzzed over real sockets with a recording upstream', () => {
  it('lets no request leave it, and no encoded .., /, \\, NUL or CR/LF reach Bigin', async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'GET', 'GET', 'POST', 'DELETE', 'PUT'),
        pathOf,
        queryOf,
        async (method, path, query) => {
          const before = zoho.calls.length;
          const status = await raw(method, `${path}${query}`);
          sent += 1;
          expect(status).toBeGreaterThanOrEqual(200);
          expect(status).toBeLessThan(500);
          for (const call of zoho.calls.slice(before)) {
            // The one other call the proxy makes on its own: minting an access token.
            if (call.method === 'POST' && call.url === '/oauth/v2/token') continue;
            expect(call.method).toBe('GET');
            expect(call.url).not.toMatch(FORBIDDEN_ON_THE_WIRE);
            const url = new URL(call.url, 'http://upstream.invalid');
            expect(
              ALLOWED_PATHS.some((p) => p.test(url.pathname)),
              call.url,
            ).toBe(true);
            for (const key of url.searchParams.keys()) expect(ALLOWED_QUERY_KEYS).toContain(key);
            for (const value of url.searchParams.values()) {
              expect(value).not.toMatch(FORBIDDEN_ON_THE_WIRE);
            }
          }
        },
      ),
      { numRuns: 4000 },
    );
    expect(sent).toBe(4000);
    // The property is only worth something if many requests did reach the upstream.
    expect(zoho.biginCallList.length).toBeGreaterThan(400);
  }, 120_000);
});

/** One address of each route the proxy has (the API's, sign-in's, the embed's and the pages). */
const ROUTES: [method: string, path: string][] = [
  ['GET', '/api/session'],
  ['GET', '/api/records/Contacts/4150868000002728001'],
  ['GET', '/api/records/Contacts/search'],
  ['GET', '/api/records/Contacts'],
  ['GET', '/api/records/Contacts/4150868000002728001/attachments'],
  ['GET', '/api/records/Contacts/4150868000002728001/attachments/4150868000002728002'],
  ['GET', '/api/records/Contacts/4150868000002728001/attachments/4150868000002728002/history'],
  ['POST', '/api/records/Contacts/4150868000002728001/attachments'],
  ['POST', '/api/records/Contacts/4150868000002728001/attachments/zip'],
  ['DELETE', '/api/records/Contacts/4150868000002728001/attachments/4150868000002728002'],
  ['GET', '/auth/sign-in'],
  ['POST', '/auth/sign-out'],
  ['GET', '/auth/signed-out'],
  ['GET', '/auth/frame-sign-in'],
  ['GET', '/embed/bigin-widget'],
  ['GET', '/healthz'],
  ['GET', '/readyz'],
  ['GET', '/Contacts/4150868000002728001'],
];

/** Spellings of `path` that a router or a browser may read as `path` itself. */
function otherSpellings(path: string): string[] {
  const [, first = '', ...rest] = path.split('/');
  const tail = rest.length ? `/${rest.join('/')}` : '';
  const letter = first.charCodeAt(0).toString(16);
  const always = [
    `/%${letter}${first.slice(1)}${tail}`,
    `/%${letter.toUpperCase()}${first.slice(1)}${tail}`,
    `/${first.slice(0, -1)}%${first.charCodeAt(first.length - 1).toString(16)}${tail}`,
    `/./${first}${tail}`,
    `/x/../${first}${tail}`,
    `/x/%2e%2e/${first}${tail}`,
    `/x/%2E%2E/${first}${tail}`,
    `//${first}${tail}`,
  ];
  // Within the path (at its end they would name `/first/`, another address).
  const inner = rest.length
    ? [
        `/${first}/.${tail}`,
        `/${first}/%2e${tail}`,
        `/${first}/${tail}`,
        `/${first}\\${rest.join('/')}`,
      ]
    : [];
  return [...always, ...inner];
}

describe('a route spelled another way', () => {
  it.each(ROUTES)(
    '%s %s is refused or sent to its one spelling, before any route runs',
    async (method, path) => {
      for (const spelling of otherSpellings(path)) {
        const before = zoho.calls.length;
        const { status, headers } = await rawResponse(method, spelling);
        const isPage = method === 'GET' && !/^\/(?:api|auth)\//.test(path);
        if (isPage) {
          expect([spelling, status, headers.location]).toEqual([spelling, 308, path]);
        } else {
          expect([spelling, status]).toEqual([spelling, 400]);
        }
        expect(headers['cache-control']).toBe('no-store');
        expect(zoho.calls.length).toBe(before);
      }
    },
  );
});
