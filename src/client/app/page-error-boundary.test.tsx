import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { CLIENT_ERROR_CODES, clientFailure } from '../lib/api-client.ts';
import { renderAt } from '../test/render-app.tsx';
import { PageErrorBoundary } from './page-error-boundary.tsx';

function Throws({ error }: { error: unknown }): never {
  throw error;
}

describe('PageErrorBoundary', () => {
  it('shows a page whose code did not arrive as a banner with a reload', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React reports the caught error
    const failure = clientFailure(CLIENT_ERROR_CODES.CODE_UNAVAILABLE, 'Failed to fetch');
    renderAt(
      <PageErrorBoundary>
        <Throws error={failure} />
      </PageErrorBoundary>,
    );
    const banner = screen.getByRole('alert');
    expect(banner).toHaveTextContent('The page could not be loaded');
    expect(banner).toHaveTextContent('Reload the page; if it keeps failing');
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
  });

  it('shows any other failure with its message, and forgets it for another page', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    function Pages() {
      const [page, setPage] = useState('/a');
      return (
        <>
          <button type="button" onClick={() => setPage('/b')}>
            Go to b
          </button>
          <PageErrorBoundary resetKey={page}>
            {page === '/a' ? <Throws error={new Error('a render went wrong')} /> : <p>page b</p>}
          </PageErrorBoundary>
        </>
      );
    }
    renderAt(<Pages />);
    expect(screen.getByRole('alert')).toHaveTextContent('a render went wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Go to b' }));
    expect(await screen.findByText('page b')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
