import { describe, expect, it } from 'vitest';
import { errorTextFor, secondsUntilRetry, type ErrorFacts } from './error-messages.ts';

const facts = (over: Partial<ErrorFacts>): ErrorFacts => ({
  code: 'TOO_MANY_REQUESTS',
  message: 'm',
  details: {},
  requestId: 'req-1',
  receivedAt: Date.parse('2026-03-02T14:05:00Z'),
  ...over,
});
const now = Date.parse('2026-03-02T14:05:10Z');

describe('secondsUntilRetry', () => {
  it('counts a Retry-After in seconds from when the answer came', () => {
    expect(secondsUntilRetry(facts({ retryAfter: '30' }), now)).toBe(20);
  });

  it('reads a Retry-After given as an HTTP date', () => {
    expect(secondsUntilRetry(facts({ retryAfter: 'Mon, 02 Mar 2026 14:06:00 GMT' }), now)).toBe(50);
  });

  it('falls back on a number of seconds in the details', () => {
    expect(secondsUntilRetry(facts({ details: { retry_after_seconds: 60 } }), now)).toBe(50);
  });

  it('is unknown when nobody said', () => {
    expect(secondsUntilRetry(facts({ retryAfter: 'soon' }), now)).toBeUndefined();
  });
});

describe('errorTextFor', () => {
  it('says when to retry, in minutes when the wait is long', () => {
    const text = errorTextFor(facts({ retryAfter: '600' }), 'en-US', now);
    expect(text.todo).toMatch(/^Wait 10 minutes \(until .*\) and try again\.$/);
  });

  it('says hours when Bigin’s daily credits are spent', () => {
    const text = errorTextFor(facts({ retryAfter: '86400' }), 'en-US', now);
    expect(text.todo).toMatch(/^Wait 24 hours \(until .*\) and try again\.$/);
  });

  it('keeps the plain advice once the wait is over', () => {
    const text = errorTextFor(facts({ retryAfter: '5' }), 'en-US', now);
    expect(text.todo).toBe('Wait a little and try again.');
  });

  it('names the parameter Bigin missed', () => {
    const text = errorTextFor(
      facts({ code: 'REQUIRED_PARAM_MISSING', details: { param_name: 'fields' } }),
      'en-US',
      now,
    );
    expect(text.detail).toBe('Bigin names the missing parameter: fields.');
  });
});

describe("Bigin's refusals of a record photo", () => {
  it('say the photo is over 10 MB, and to choose or save a smaller one, with no action', () => {
    const text = errorTextFor(facts({ code: 'FILE_SIZE_EXCEEDS', httpStatus: 413 }), 'en-US', now);
    expect(text).toMatchObject({
      title: 'The photo is too large',
      what: 'Bigin takes a record photo of at most 10 MB, and this one is larger.',
    });
    expect(text.todo).toMatch(/^Choose a smaller image/);
    expect(text.action).toBeUndefined();
  });

  it('say the photo has too many pixels, and to scale it down', () => {
    const text = errorTextFor(
      facts({
        code: 'FILE_RESOLUTION_EXCEEDS',
        httpStatus: 415,
        details: { resolution: 16062248 },
      }),
      'en-US',
      now,
    );
    expect(text.title).toBe('The photo has too many pixels');
    expect(text.todo).toMatch(/^Scale the image down/);
    expect(text.action).toBeUndefined();
  });

  it('tell INVALID_DATA 415 (not an image Bigin takes) from INVALID_DATA 400 (no such record)', () => {
    const photo = errorTextFor(facts({ code: 'INVALID_DATA', httpStatus: 415 }), 'en-US', now);
    expect(photo).toMatchObject({ title: 'Bigin does not take this file as a photo' });
    expect(photo.what).toContain('PNG, JPEG, GIF or BMP');
    expect(photo.action).toBeUndefined();
    const record = errorTextFor(facts({ code: 'INVALID_DATA', httpStatus: 400 }), 'en-US', now);
    expect(record).toMatchObject({ title: 'This record does not exist', action: 'choose-record' });
  });
});

describe('an attachment Bigin no longer has', () => {
  const gone = facts({
    code: 'PROXY_ATTACHMENT_GONE',
    message: 'This attachment no longer exists in Bigin: it was deleted or moved',
    details: { attachment_id: '4150868000004100003' },
  });

  it('says it was deleted and to refresh the list, with a reload to do it', () => {
    const text = errorTextFor(gone, 'en-US', now);
    expect(text).toMatchObject({
      title: 'This attachment no longer exists',
      what: expect.stringMatching(/^Bigin no longer has this file: it was deleted/),
      todo: 'Reload the page to refresh the list of attachments.',
      action: 'reload',
    });
    expect(text.quoteRequestId).toBeUndefined();
  });
});

describe('codes without words of their own', () => {
  it('are shown with their code and message, with a retry and the request id', () => {
    const text = errorTextFor(
      facts({ code: 'INVALID_QUERY', message: 'invalid query formed' }),
      'en-US',
      now,
    );
    expect(text).toMatchObject({
      title: 'Something went wrong',
      what: 'The server answered INVALID_QUERY: invalid query formed',
      action: 'retry',
      quoteRequestId: true,
    });
  });

  it('include a code named like what every object inherits', () => {
    const text = errorTextFor(facts({ code: 'constructor', message: 'm' }), 'en-US', now);
    expect(text.title).toBe('Something went wrong');
  });
});

describe('codes that share words', () => {
  it('say "no such record" alike, whether Bigin or the proxy found none', () => {
    const bigin = errorTextFor(facts({ code: 'INVALID_DATA', httpStatus: 400 }), 'en-US', now);
    const proxy = errorTextFor(facts({ code: 'PROXY_RECORD_NOT_FOUND' }), 'en-US', now);
    expect(proxy).toEqual(bigin);
  });
});
