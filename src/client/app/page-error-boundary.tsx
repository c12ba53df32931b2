import { Component, type ReactNode } from 'react';
import { ErrorBanner } from '../components/error-banner.tsx';

interface Props {
  children: ReactNode;
  /** A new value (the page's address) forgets the error: going elsewhere starts afresh. */
  resetKey?: string;
}

interface State {
  error: unknown;
  resetKey: string | undefined;
}

/**
 * A page that fails to render says so with a banner instead of leaving the screen blank: above
 * all a page whose code did not arrive (CLIENT_CODE_UNAVAILABLE, with a reload); anything else
 * shows its code and message.
 */
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override render() {
    return this.state.error ? <ErrorBanner error={this.state.error} /> : this.props.children;
  }
}
