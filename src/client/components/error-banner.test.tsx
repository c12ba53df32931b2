import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../lib/api-client.ts';
import { ErrorBanner } from './error-banner.tsx';

const failure = (code: string, message = 'm') =>
  new ApiClientError(400, { code, message, details: {}, status: 'error', requestId: 'req-42' });

function renderBanner(error: unknown, onRetry?: () => void) {
  const router = createMemoryRouter(
    [
      { path: '/', element: <p>the pickers</p> },
      { path: '/x', element: <ErrorBanner error={error} onRetry={onRetry} /> },
    ],
    { initialEntries: ['/x'] },
  );
  render(<RouterProvider router={router} />);
}

describe('ErrorBanner', () => {
  it('names an unknown module and leads back to the pickers', async () => {
    renderBanner(failure('INVALID_MODULE'));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This module does not exist in Bigin');
    expect(alert).toHaveTextContent('Choose a module and a record from the list.');
    await userEvent.click(screen.getByRole('link', { name: 'Choose a record' }));
    expect(screen.getByText('the pickers')).toBeInTheDocument();
  });

  it('offers a retry and the request id for an internal error', async () => {
    const onRetry = vi.fn();
    renderBanner(failure('INTERNAL_ERROR'), onRetry);
    expect(screen.getByRole('alert')).toHaveTextContent('Request id: req-42');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('shows an unknown code with its code and message', () => {
    renderBanner(failure('SOMETHING_NEW', 'a new failure'));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The server answered SOMETHING_NEW: a new failure',
    );
  });
});
