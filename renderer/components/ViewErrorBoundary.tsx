import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorBanner } from './States';

interface Props {
  children: ReactNode;
  /** The screen's address: when it changes, a failed screen is replaced by the new one. */
  resetKey: string;
}

interface State {
  error: Error | undefined;
}

/**
 * Catches an exception thrown while rendering one screen (data the view did not expect, e.g. an imported
 * column that broke a table) and shows it as an error panel. Without it React unmounts the whole tree and
 * the window goes blank, sidebar included, with no way out but a restart. Going to another screen clears
 * the error (resetKey) without remounting screens that did not fail; "Try again" re-renders the same
 * screen. React offers error boundaries as class components only.
 */
export class ViewErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: undefined });
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The console of the devtools (unpackaged builds) is where a developer will look for the component stack.
    console.error('view failed to render:', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="page">
        <ErrorBanner
          title="This screen could not be shown"
          message={error.message || error.name}
          hint="Nothing was lost: your audits are stored. Choose another screen in the sidebar, or try again."
          onRetry={() => this.setState({ error: undefined })}
        />
      </div>
    );
  }
}
