import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentListSchema } from '../shared/bigin-attachment.ts';
import { DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import { DOC_REQUEST_RECORD_ID, LINKS_RECORD_ID, SIZES_RECORD_ID } from './seed.ts';
import { expectBiginError, startSandbox, type RunningSandbox } from './test-harness.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ controlRoutes: true });
});
afterAll(() => sandbox.close());

const listPath = (recordId: string) => `Contacts/${recordId}/Attachments`;
async function addFault(body: unknown): Promise<string> {
  const response = await sandbox.control('POST', 'faults', body);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('faults, each scoped so that parallel tests do not meet them', () => {
  it('holds a call for the given latency', async () => {
    await addFault({ kind: 'latency', latencyMs: 150, match: { recordId: LINKS_RECORD_ID } });
    const started = Date.now();
    expect((await sandbox.api(listPath(LINKS_RECORD_ID))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers INTERNAL_ERROR for a share of calls, the same share every run', async () => {
    await addFault({ kind: 'error', share: 0.5, seed: 7, match: { recordId: SIZES_RECORD_ID } });
    const statuses = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await sandbox.api(listPath(SIZES_RECORD_ID))).status);
    const errors = statuses.filter((s) => s === 500).length;
    expect(errors).toBeGreaterThan(3);
    expect(errors).toBeLessThan(17);
    expect(statuses.filter((s) => s !== 500 && s !== 200)).toEqual([]);
    // Another record, untouched by the fault.
    expect((await sandbox.api(listPath(DOC_SAMPLE_RECORD_ID))).status).toBe(200);
  });

  it('scopes a fault to a user, and spends it after `times` calls', async () => {
    await addFault({ kind: 'error', times: 1, match: { user: 'Alex Chen' } });
    const alex = await sandbox.token('Alex Chen');
    expect((await sandbox.api(listPath(DOC_REQUEST_RECORD_ID))).status).toBe(200);
    await expectBiginError(
      await sandbox.api(listPath(DOC_REQUEST_RECORD_ID), { token: alex }),
      500,
      'INTERNAL_ERROR',
    );
    expect((await sandbox.api(listPath(DOC_REQUEST_RECORD_ID), { token: alex })).status).toBe(200);
  });

  it('answers the Bigin error a fault names, documented or not', async () => {
    const answerWith = async (fault: object) => {
      await addFault({ kind: 'error', times: 1, match: { recordId: LINKS_RECORD_ID }, ...fault });
      const answer = await sandbox.api(listPath(LINKS_RECORD_ID));
      return { status: answer.status, body: (await answer.json()) as unknown };
    };
    expect(await answerWith({ code: 'INVALID_URL_PATTERN' })).toEqual({
      status: 404,
      body: {
        code: 'INVALID_URL_PATTERN',
        details: {},
        message: 'Please check if the URL trying to access is a correct one',
        status: 'error',
      },
    });
    expect(await answerWith({ code: 'INVALID_REQUEST_METHOD' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_REQUEST_METHOD' },
    });
    const unknown = { code: 'FEATURE_NOT_ENABLED', status: 403, message: 'not enabled' };
    expect(await answerWith(unknown)).toEqual({
      status: 403,
      body: { code: 'FEATURE_NOT_ENABLED', details: {}, message: 'not enabled', status: 'error' },
    });
    expect((await sandbox.api(listPath(LINKS_RECORD_ID))).status).toBe(200);
  });

  it('refuses an undocumented code without a status, and a code that is not one', async () => {
    const match = { recordId: LINKS_RECORD_ID };
    for (const fault of [
      { kind: 'error', code: 'FEATURE_NOT_ENABLED', match },
      { kind: 'error', code: 'not a code', status: 400, match },
      { kind: 'error', code: 'INTERNAL_ERROR', status: 200, match },
    ]) {
      const refused = await sandbox.control('POST', 'faults', fault);
      expect(refused.status).toBe(400);
    }
    expect((await sandbox.api(listPath(LINKS_RECORD_ID))).status).toBe(200);
  });

  it('resets the connection', async () => {
    await addFault({ kind: 'reset', times: 1, match: { user: 'Sam Rivera' } });
    const sam = await sandbox.token('Sam Rivera');
    await expect(sandbox.api(listPath(DOC_REQUEST_RECORD_ID), { token: sam })).rejects.toThrow();
  });

  it('cuts a body short, or sends JSON that stops halfway', async () => {
    const path = `Contacts/${DOC_REQUEST_RECORD_ID}`;
    await addFault({ kind: 'truncate', times: 1, match: { path: `/bigin/v1/${path}` } });
    const cut = await sandbox.api(path);
    expect(cut.status).toBe(200);
    await expect(cut.text()).rejects.toThrow();
    await addFault({ kind: 'malformed', times: 1, match: { path: `/bigin/v1/${path}` } });
    const broken = await sandbox.api(path);
    expect(broken.status).toBe(200);
    await expect(broken.json()).rejects.toThrow(SyntaxError);
    expect((await sandbox.api(path)).status).toBe(200);
  });

  it('reaches the token endpoint too, and lists, removes and refuses unscoped faults', async () => {
    const id = await addFault({
      kind: 'error',
      match: { path: '/oauth/v2/token', method: 'post' },
    });
    const token = await fetch(`${sandbox.base}/oauth/v2/token`, { method: 'POST' });
    expect(token.status).toBe(500);
    const listed = (await (await sandbox.control('GET', 'faults')).json()) as {
      faults: { id: string }[];
    };
    expect(listed.faults.map((f) => f.id)).toContain(id);
    expect((await sandbox.control('DELETE', `faults/${id}`)).status).toBe(204);
    expect((await sandbox.control('POST', 'faults', { kind: 'error', match: {} })).status).toBe(
      400,
    );
  });
});

describe('limits', () => {
  it('answers 429 TOO_MANY_REQUESTS beyond the API credits, with Retry-After', async () => {
    const limited = await startSandbox({ apiCreditsPer24h: 3 });
    try {
      for (let i = 0; i < 3; i++)
        expect((await limited.api(listPath(DOC_SAMPLE_RECORD_ID))).status).toBe(200);
      const refused = await limited.api(listPath(DOC_SAMPLE_RECORD_ID));
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      await expectBiginError(refused, 429, 'TOO_MANY_REQUESTS');
    } finally {
      await limited.close();
    }
  });

  it('answers 429 to a sixth call while five are in flight', async () => {
    const limited = await startSandbox({ controlRoutes: true });
    try {
      await limited.control('POST', 'faults', {
        kind: 'latency',
        latencyMs: 300,
        match: { recordId: LINKS_RECORD_ID },
      });
      const slow = Array.from({ length: 5 }, () => limited.api(listPath(LINKS_RECORD_ID)));
      // Once the five are held in flight (the limits say so), the sixth meets the limit.
      await expect
        .poll(async () => (await (await limited.control('GET', 'limits')).json()).inFlight)
        .toBe(5);
      await expectBiginError(
        await limited.api(listPath(DOC_SAMPLE_RECORD_ID)),
        429,
        'TOO_MANY_REQUESTS',
      );
      for (const response of await Promise.all(slow)) {
        attachmentListSchema.parse(await response.json());
      }
      expect((await limited.api(listPath(DOC_SAMPLE_RECORD_ID))).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('changes limits at run time, and reset restores the seed and the limits', async () => {
    const put = await sandbox.control('PUT', 'limits', { apiCreditsPer24h: 0 });
    expect(((await put.json()) as { apiCreditsPer24h: number }).apiCreditsPer24h).toBe(0);
    await expectBiginError(
      await sandbox.api(listPath(DOC_SAMPLE_RECORD_ID)),
      429,
      'TOO_MANY_REQUESTS',
    );
    expect((await sandbox.control('POST', 'reset')).status).toBe(204);
    expect((await sandbox.api(listPath(DOC_SAMPLE_RECORD_ID))).status).toBe(200);
  });

  it('has no control routes unless asked for', async () => {
    const plain = await startSandbox();
    try {
      await expectBiginError(await plain.control('POST', 'reset'), 404, 'INVALID_URL_PATTERN');
    } finally {
      await plain.close();
    }
  });
});
