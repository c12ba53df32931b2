import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { lazyPart } from './lazy-part.tsx';

interface Props {
  open?: boolean;
  keepMounted?: boolean;
  label: string;
}

const Shown = ({ label }: Props) => <div role="dialog" aria-label={label} />;

describe('lazyPart', () => {
  it('asks for nothing while closed, and shows the part once it is opened', async () => {
    const load = vi.fn(() => Promise.resolve({ default: Shown }));
    const Part = lazyPart(load);
    const { rerender } = render(<Part open={false} label="Columns" />);
    expect(load).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
    rerender(<Part open label="Columns" />);
    expect(await screen.findByRole('dialog', { name: 'Columns' })).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
    // Once loaded, a closed part is the library's to draw (its closing transition).
    rerender(<Part open={false} label="Columns" />);
    expect(screen.getByRole('dialog', { name: 'Columns' })).toBeInTheDocument();
  });

  it('loads at once what has no open state, or is kept mounted', async () => {
    const Part = lazyPart(() => Promise.resolve({ default: Shown }));
    render(<Part label="Always" />);
    expect(await screen.findByRole('dialog', { name: 'Always' })).toBeInTheDocument();
    const Kept = lazyPart(() => Promise.resolve({ default: Shown }));
    render(<Kept open={false} keepMounted label="Kept" />);
    expect(await screen.findByRole('dialog', { name: 'Kept' })).toBeInTheDocument();
  });
});
