import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostedTooltip, TooltipHost, tooltip } from './tooltip-host.tsx';

afterEach(() => vi.useRealTimers());

function renderHost() {
  return render(
    <TooltipHost>
      <div role="grid">
        <div role="row">
          <div role="gridcell" tabIndex={0}>
            <span {...tooltip('362,207 bytes')}>354 kB</span>
          </div>
          <div role="gridcell" tabIndex={-1}>
            <button
              type="button"
              aria-label="Preview report.pdf"
              {...tooltip('Preview report.pdf')}
            >
              👁
            </button>
          </div>
          <div role="gridcell" tabIndex={-1}>
            plain
          </div>
        </div>
      </div>
    </TooltipHost>,
  );
}

describe('TooltipHost', () => {
  it('shows a marked element’s tooltip on hover, describing it, and hides it on leaving', async () => {
    const user = userEvent.setup();
    renderHost();
    const size = screen.getByText('354 kB');
    await user.hover(size);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('362,207 bytes');
    expect(size).toHaveAccessibleDescription('362,207 bytes');
    await user.hover(screen.getByText('plain'));
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
    expect(size).not.toHaveAttribute('aria-describedby');
  });

  it('moves straight to the next marked element under the pointer', async () => {
    const user = userEvent.setup();
    renderHost();
    await user.hover(screen.getByText('354 kB'));
    await screen.findByRole('tooltip');
    await user.hover(screen.getByRole('button'));
    await waitFor(() =>
      expect(screen.getByRole('tooltip')).toHaveTextContent('Preview report.pdf'),
    );
  });

  // Keyboard focus (`:focus-visible`, which jsdom never matches) is tested in the browser.
  it('hides on Escape', async () => {
    const user = userEvent.setup();
    renderHost();
    await user.hover(screen.getByText('354 kB'));
    await screen.findByRole('tooltip');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
  });

  it('shows on a long touch, not a tap, and hides a moment after the finger lifts', () => {
    vi.useFakeTimers();
    renderHost();
    const size = screen.getByText('354 kB');
    fireEvent.touchStart(size);
    act(() => vi.advanceTimersByTime(200));
    fireEvent.touchEnd(size);
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.queryByRole('tooltip')).toBeNull();

    fireEvent.touchStart(size);
    act(() => vi.advanceTimersByTime(700));
    expect(screen.getByRole('tooltip')).toHaveTextContent('362,207 bytes');
    fireEvent.touchEnd(size);
    act(() => vi.advanceTimersByTime(1500));
    act(() => vi.runOnlyPendingTimers()); // the fade
    expect(screen.queryByRole('tooltip')).toBeNull();
  });
});

describe('HostedTooltip', () => {
  it('names a button that has no name of its own, and the host shows its tooltip', async () => {
    const user = userEvent.setup();
    render(
      <TooltipHost>
        <HostedTooltip title="Sort">
          <button type="button">↑</button>
        </HostedTooltip>
        <HostedTooltip title="Columns">
          <button type="button" aria-label="Choose columns">
            ▥
          </button>
        </HostedTooltip>
      </TooltipHost>,
    );
    const sort = screen.getByRole('button', { name: 'Sort' });
    // A name of its own is kept.
    expect(screen.getByRole('button', { name: 'Choose columns' })).toBeInTheDocument();
    await user.hover(sort);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Sort');
    expect(sort).toHaveAccessibleDescription('Sort');
  });

  it("waits the grid's own delay where it gives one", () => {
    vi.useFakeTimers();
    render(
      <TooltipHost>
        <HostedTooltip title="Sort" enterDelay={1000}>
          <button type="button">↑</button>
        </HostedTooltip>
      </TooltipHost>,
    );
    fireEvent.mouseOver(screen.getByRole('button', { name: 'Sort' }));
    act(() => vi.advanceTimersByTime(500));
    expect(screen.queryByRole('tooltip')).toBeNull();
    act(() => vi.advanceTimersByTime(500));
    expect(screen.getByRole('tooltip')).toHaveTextContent('Sort');
  });
});
