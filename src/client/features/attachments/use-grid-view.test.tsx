import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderAt } from '../../test/render-app.tsx';
import { useGridView } from './use-grid-view.ts';

/** A stand-in for the grid: shows the view and changes it as the grid's controls would. */
function ShowView() {
  const [view, update] = useGridView();
  return (
    <>
      <p data-testid="view">{`page ${view.page + 1}, ${view.sort?.field ?? 'unsorted'}`}</p>
      <button onClick={() => update({ sort: { field: 'Size', direction: 'asc' }, page: 0 })}>
        sort
      </button>
      <button onClick={() => update({ page: view.page + 1 })}>next</button>
    </>
  );
}
const press = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

const shown = () => screen.getByTestId('view').textContent;

describe('useGridView', () => {
  it('shows a change at once, and the URL follows it', async () => {
    const { router } = renderAt(<ShowView />, { path: '/Contacts/1', url: '/Contacts/1?page=3' });
    expect(shown()).toBe('page 3, unsorted');
    press('sort');
    press('next');
    expect(shown()).toBe('page 2, Size');
    await vi.waitFor(() => expect(router.state.location.search).toBe('?sort=Size.asc&page=2'));
    expect(shown()).toBe('page 2, Size');
  });

  it('replaces the history entry: Back leaves the view rather than stepping through it', async () => {
    const { router } = renderAt(<ShowView />, { path: '/Contacts/1', url: '/Contacts/1' });
    press('next');
    press('next');
    await vi.waitFor(() => expect(router.state.location.search).toBe('?page=3'));
    expect(router.state.historyAction).toBe('REPLACE');
  });

  it('takes over a URL it did not write: back, forward, a link', async () => {
    const { router } = renderAt(<ShowView />, { path: '/Contacts/1', url: '/Contacts/1' });
    await act(() => router.navigate('/Contacts/1?page=4'));
    expect(shown()).toBe('page 4, unsorted');
    await act(() => router.navigate(-1));
    expect(shown()).toBe('page 1, unsorted');
    await act(() => router.navigate('/Contacts/1?page=7&sort=Owner.desc'));
    expect(shown()).toBe('page 7, Owner');
  });

  it('keeps the other parameters of the URL', async () => {
    const { router } = renderAt(<ShowView />, {
      path: '/Contacts/1',
      url: '/Contacts/1?from=home',
    });
    press('next');
    await vi.waitFor(() => expect(router.state.location.search).toBe('?from=home&page=2'));
  });
});
