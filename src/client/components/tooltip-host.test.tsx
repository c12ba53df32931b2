import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderAt } from '../test/render-app.tsx';
import { HostedTooltip, TooltipHost } from './tooltip-host.tsx';

describe('HostedTooltip', () => {
  it('names a button that has no name of its own, and the host shows its tooltip on keyboard focus', async () => {
    renderAt(
      <TooltipHost>
        <HostedTooltip title="Sort" enterDelay={1000}>
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
    await userEvent.tab();
    expect(sort).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Sort');
  });
});
