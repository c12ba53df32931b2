/**
 * A deploy's SIGTERM, to the real proxy process (main.ts) in front of the sandbox in a process
 * of its own: an upload in flight is finished, or stopped and the browser told, and the sandbox
 * never holds part of a file.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintSandboxToken } from '../cli/sandbox-token.ts';
import { DOC_REQUEST_RECORD_ID, EMPTY_RECORD_ID } from '../sandbox/seed-ids.ts';
import { UPLOAD_SIZE_FIELD } from '../shared/api-contract.ts';
import { TestBrowser } from './test-support/browser.ts';
import { fileStack } from './test-support/file-stack.ts';
import { readZip } from './test-support/read-zip.ts';
import { appWrite, csrfTokenOf } from './test-support/upload-client.ts';
import {
  proxyEnvFor,
  spawnSandbox,
  spawnTs,
  type Child,
} from './test-support/child-process-stack.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const UPLOADS = `/api/records/Contacts/${EMPTY_RECORD_ID}/attachments`;

let sandbox: Child;
let sandboxToken: string;

beforeAll(async () => {
  sandbox = await spawnSandbox(20);
  sandboxToken = await mintSandboxToken(sandbox.url, 'Patricia Boyle');
}, 60_000);
afterAll(() => sandbox?.close());

/** The proxy as `npm start` runs it (main.ts), in service mode against the sandbox. */
const startProxy = (graceSeconds: number) =>
  spawnTs(
    path.join(root, 'src/server/main.ts'),
    { ...proxyEnvFor(sandbox.url, 20), SHUTDOWN_GRACE_SECONDS: String(graceSeconds) },
    /Bigin Attachments at (http:\/\/\S+)/,
  );

const exited = (child: Child) =>
  new Promise<number | null>((resolve) => {
    if (child.process.exitCode !== null) resolve(child.process.exitCode);
    else child.process.once('exit', (code) => resolve(code));
  });

/** The sandbox's own list of the record's attachments, asked directly. */
async function storedAt(name: string): Promise<{ id: string; Size: string }[]> {
  const r = await fetch(`${sandbox.url}/bigin/v2/Contacts/${EMPTY_RECORD_ID}/Attachments`, {
    headers: { Authorization: `Zoho-oauthtoken ${sandboxToken}` },
  });
  if (r.status === 204) return [];
  const body = (await r.json()) as { data: { id: string; File_Name: string; Size: string }[] };
  return body.data.filter((a) => a.File_Name === name);
}

async function storedBytes(id: string): Promise<Buffer> {
  const r = await fetch(`${sandbox.url}/bigin/v2/Contacts/${EMPTY_RECORD_ID}/Attachments/${id}`, {
    headers: { Authorization: `Zoho-oauthtoken ${sandboxToken}` },
  });
  return Buffer.from(await r.arrayBuffer());
}

interface Outcome {
  status?: number;
  body?: string;
  /** The connection broke before an answer came: the browser sees a failed upload. */
  broken?: string;
}

/**
 * Uploads `bytes` as a browser's form does, a chunk every `everyMs`; with `stallAfter`, sends
 * that many file bytes and then nothing more (a connection gone quiet mid-upload).
 */
async function slowUpload(
  appUrl: string,
  name: string,
  bytes: Buffer,
  { chunk, everyMs, stallAfter }: { chunk: number; everyMs: number; stallAfter?: number },
): Promise<{ outcome: Promise<Outcome>; sent: () => number }> {
  // The app's session: its cookie, and the CSRF token a write carries.
  const browser = new TestBrowser(appUrl);
  const csrfToken = await csrfTokenOf(browser);
  const boundary = '----shutdown-test';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${UPLOAD_SIZE_FIELD}"\r\n\r\n${bytes.length}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  let sent = 0;
  const outcome = new Promise<Outcome>((resolve) => {
    const req = request(`${appUrl}${UPLOADS}`, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + bytes.length + tail.length),
        origin: appUrl,
        'sec-fetch-site': 'same-origin',
        'x-csrf-token': csrfToken,
        cookie: browser.cookieHeader,
      },
    });
    req.write(head);
    const timer = setInterval(() => {
      if (stallAfter !== undefined && sent >= stallAfter) return;
      if (sent >= bytes.length) {
        clearInterval(timer);
        req.end(tail);
        return;
      }
      req.write(bytes.subarray(sent, sent + chunk));
      sent = Math.min(bytes.length, sent + chunk);
    }, everyMs);
    const settle = (outcome: Outcome) => {
      clearInterval(timer);
      resolve(outcome);
    };
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.once('end', () => settle({ status: res.statusCode, body: text }));
      res.once('error', (error) => settle({ broken: error.message }));
    });
    req.once('error', (error) => settle({ broken: error.message }));
  });
  return { outcome, sent: () => sent };
}

const patterned = (size: number, seed: number) =>
  Buffer.from(Buffer.alloc(size).map((_, i) => (i * 131 + seed * 7 + (i >> 10)) & 0xff));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('SIGTERM during an upload', () => {
  it('lets an upload in flight finish within the grace period, stored whole, then exits', async () => {
    const proxy = await startProxy(10);
    const bytes = patterned(2 * 1024 * 1024, 1);
    const upload = await slowUpload(proxy.url, 'finished-after-sigterm.bin', bytes, {
      chunk: 64 * 1024,
      everyMs: 25,
    });
    await until(() => upload.sent() >= 256 * 1024);
    proxy.process.kill('SIGTERM');

    const outcome = await upload.outcome;
    expect(outcome.status, outcome.body ?? outcome.broken).toBe(200);
    expect(await exited(proxy)).toBe(0);
    const stored = await storedAt('finished-after-sigterm.bin');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.Size).toBe(String(bytes.length));
    expect(sha256(await storedBytes(stored[0]!.id))).toBe(sha256(bytes));
  }, 30_000);

  it('stops an upload the grace period cannot wait for, tells the browser, and stores nothing', async () => {
    const proxy = await startProxy(1);
    const bytes = patterned(2 * 1024 * 1024, 2);
    const upload = await slowUpload(proxy.url, 'cut-by-sigterm.bin', bytes, {
      chunk: 64 * 1024,
      everyMs: 10,
      stallAfter: 512 * 1024,
    });
    await until(() => upload.sent() >= 512 * 1024);
    const signalled = Date.now();
    proxy.process.kill('SIGTERM');

    const outcome = await upload.outcome;
    expect(outcome.status, outcome.broken).toBe(503);
    expect(JSON.parse(outcome.body!)).toMatchObject({ code: 'PROXY_SHUTTING_DOWN' });
    expect(await exited(proxy)).toBe(0);
    // The grace period, the moment given to say so, and the process's own exit.
    expect(Date.now() - signalled).toBeLessThan(1000 + 2000 + 2000);
    expect(await storedAt('cut-by-sigterm.bin')).toEqual([]);
  }, 30_000);
});

describe('shutdown during a ZIP', () => {
  it('closes a ZIP the grace period cannot wait for with what it holds, naming the rest', async () => {
    const s = await fileStack('Patricia Boyle', { SHUTDOWN_GRACE_SECONDS: '1' });
    try {
      const token = await csrfTokenOf(s.browser);
      const [ready, slow, slower] = [
        '4150868000004100001',
        '4150868000004100002',
        '4150868000004100003',
      ];
      // Bigin holds the last two files longer than the grace period.
      for (const attachmentId of [slow, slower]) {
        await s.fault({ kind: 'latency', latencyMs: 20_000, match: { attachmentId } });
      }
      const zip = s.browser.fetch(
        `/api/records/Contacts/${DOC_REQUEST_RECORD_ID}/attachments/zip`,
        {
          method: 'POST',
          body: JSON.stringify({ ids: [ready, slow, slower] }),
          headers: { ...appWrite(s.browser, token), 'content-type': 'application/json' },
        },
      );
      const answer = await zip;
      expect(answer.status).toBe(200);
      const closing = s.stack.close();
      const entries = readZip(new Uint8Array(await answer.arrayBuffer()));
      await closing;
      expect(entries.map((e) => e.name)).toEqual(['Business card.png', 'NOT-INCLUDED.txt']);
      const report = entries[1]!.bytes.toString('utf8');
      for (const id of [slow, slower]) {
        expect(report).toContain(`[id ${id}]: the server was restarting`);
      }
    } finally {
      await s.stack.close().catch(() => undefined);
    }
  }, 30_000);
});
