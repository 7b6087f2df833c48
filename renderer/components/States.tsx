import type { ReactNode } from 'react';

/** What a screen shows when there is nothing yet, with the way forward. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

interface ErrorProps {
  message: string;
  /** A short headline above the message (what failed); the message says why. */
  title?: string;
  /** What the user can do about it. */
  hint?: ReactNode;
  onRetry?: () => void;
}

export function ErrorBanner({ message, title, hint, onRetry }: ErrorProps) {
  return (
    <div className="error-banner" role="alert">
      <div className="error-text">
        {title && <strong className="error-title">{title}</strong>}
        <span className="error-message">{message}</span>
        {hint && <span className="error-hint">{hint}</span>}
      </div>
      {onRetry && <button type="button" className="btn btn-small" onClick={onRetry}>Try again</button>}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <div className="loading" role="status"><span className="spinner" aria-hidden="true" />{label}</div>;
}
