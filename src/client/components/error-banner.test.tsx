import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../lib/api-client.ts';
import { leaveTo } from '../lib/leave-to.ts';
import { renderAt } from '../test/render-app.tsx';
import { ErrorBanner } from './error-banner.tsx';

vi.mock('../lib/leave-to.ts', () => ({ leaveTo: vi.fn() }));

const failure = (
  code: string,
  message = 'm',
  details: Record<string, unknown> = {},
  httpStatus = 400,
  retryAfter?: string,
) =>
  new ApiClientError(
    httpStatus,
    { code, message, details, status: 'error', requestId: 'req-42' },
    retryAfter,
  );

function renderBanner(error: unknown, onRetry?: () => void) {
  return renderAt(<ErrorBanner error={error} onRetry={onRetry} />, {
    path: '/Contacts/42',
    url: '/Contacts/42?page=3',
    routes: [{ path: '/', element: <p>the pickers</p> }],
  });
}

beforeEach(() => vi.mocked(leaveTo).mockClear());
afterEach(() => vi.useRealTimers());

describe('ErrorBanner', () => {
  it.each([
    [
      'INVALID_MODULE',
      'the module name given seems to be invalid',
      'This module does not exist in Bigin',
    ],
    [
      'INVALID_MODULE',
      'The given module is not supported in API',
      'Bigin does not offer this module to apps',
    ],
    ['INVALID_URL_PATTERN', 'Please check', 'This link is malformed'],
    ['INVALID_DATA', 'the related id given seems to be invalid', 'This record does not exist'],
    ['PROXY_BAD_REQUEST', 'The request is not valid', 'This link is malformed'],
    ['PROXY_RECORD_NOT_FOUND', 'There is no such record', 'This record does not exist'],
  ])('%s (%s) says so and leads back to the pickers', async (code, message, title) => {
    renderBanner(failure(code, message));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(title);
    expect(alert).toHaveTextContent(`Code: ${code}`);
    await userEvent.click(within(alert).getByRole('link', { name: 'Choose a record' }));
    expect(screen.getByText('the pickers')).toBeInTheDocument();
  });

  it.each([
    ['OAUTH_SCOPE_MISMATCH', 'The sign-in lacks the attachments permission'],
    ['PROXY_SIGNED_OUT', 'Your session has expired'],
    ['INVALID_TOKEN', 'Your sign-in has ended'],
  ])('%s offers to sign in again, coming back to this very page', async (code, title) => {
    renderBanner(failure(code, 'm', {}, 401));
    expect(screen.getByRole('alert')).toHaveTextContent(title);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(leaveTo).toHaveBeenCalledWith('/auth/sign-in?returnTo=%2FContacts%2F42%3Fpage%3D3');
  });

  it.each([
    ['NO_PERMISSION', 'Your Bigin profile may not read attachments'],
    ['AUTHORIZATION_FAILED', 'You do not have the privilege for this'],
  ])('%s asks for an administrator and names the missing permission', (code, title) => {
    renderBanner(failure(code, 'm', { permissions: ['Crm_Implied_View_Attachments'] }, 403));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(title);
    expect(alert).toHaveTextContent('Ask your Bigin administrator');
    expect(alert).toHaveTextContent(
      'Bigin names the missing permission: Crm_Implied_View_Attachments.',
    );
    expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
  });

  it('offers a retry and the request id for an internal error', async () => {
    const onRetry = vi.fn();
    renderBanner(failure('INTERNAL_ERROR', 'Internal Server Error', {}, 500), onRetry);
    expect(screen.getByRole('alert')).toHaveTextContent('Bigin had an internal error');
    expect(screen.getByRole('alert')).toHaveTextContent('Request id: req-42');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('asks to report an unaccepted request method, with the request id to copy', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    renderBanner(failure('INVALID_REQUEST_METHOD'));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Please report it, quoting the request id.');
    expect(alert).toHaveTextContent('Request id: req-42');
    await user.click(within(alert).getByRole('button', { name: 'Copy the details' }));
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining('req-42'));
    expect(await within(alert).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it.each([
    ['TOO_MANY_REQUESTS', '30', {}],
    ['PROXY_RATE_LIMITED', undefined, { retry_after_seconds: 30 }],
  ])('%s says when to retry', (code, header, details) => {
    vi.useFakeTimers({ now: new Date('2026-03-02T14:05:00Z'), toFake: ['Date'] });
    renderBanner(failure(code, 'Too many requests', details, 429, header));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Too many requests');
    expect(alert).toHaveTextContent(/Wait 30 seconds \(until .+\) and try again\./);
  });

  it.each([
    ['CLIENT_NETWORK_UNREACHABLE', 0, 'The server cannot be reached'],
    ['PROXY_UPSTREAM_UNREACHABLE', 502, 'Bigin cannot be reached'],
    ['PROXY_UPSTREAM_TIMEOUT', 504, 'Bigin did not answer in time'],
  ])('%s offers a retry', async (code, status, title) => {
    const onRetry = vi.fn();
    renderBanner(failure(code, 'm', {}, status), onRetry);
    expect(screen.getByRole('alert')).toHaveTextContent(title);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it.each([
    ['PROXY_BUSY', 'The server is busy', /busy with other calls to Bigin/],
    ['PROXY_UPSTREAM_PAUSED', 'Bigin is failing just now', /failed several calls in a row/],
  ])('%s says what happened and to try again shortly, with a retry', async (code, title, what) => {
    vi.useFakeTimers({ now: new Date('2026-03-02T14:05:00Z'), toFake: ['Date'] });
    const onRetry = vi.fn();
    renderBanner(failure(code, 'm', {}, 503, '2'), onRetry);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(title);
    expect(alert).toHaveTextContent(what);
    expect(alert).toHaveTextContent(/Wait 2 seconds \(until .+\) and try again\./);
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('shows an unknown code with its code and message', () => {
    renderBanner(failure('SOMETHING_NEW', 'a new failure'));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The server answered SOMETHING_NEW: a new failure',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Request id: req-42');
  });
});
