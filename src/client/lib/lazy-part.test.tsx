import { render, screen } from '@testing-library/react';
import { Component, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiClientError } from './api-client.ts';
import { lazyPart } from './lazy-part.tsx';

interface Props {
  open?: boolean;
  keepMounted?: boolean;
  label: string;
}

const Shown = ({ label }: Props) => <div role="dialog" aria-label={label} />;

/** Says the code of what failed, as the page's error boundary does with its banner. */
class Boundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <p role="alert">{error instanceof ApiClientError ? error.code : String(error)}</p>;
  }
}

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

  it('says that its code did not arrive, as for a page (CLIENT_CODE_UNAVAILABLE)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Part = lazyPart<Props>(() => Promise.reject(new TypeError('Failed to fetch module')));
    render(
      <Boundary>
        <Part open label="Columns" />
      </Boundary>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('CLIENT_CODE_UNAVAILABLE');
  });
});
