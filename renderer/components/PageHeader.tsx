import type { ReactNode } from 'react';

interface Props {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}

/** The title row of every screen, with its main actions on the right. */
export function PageHeader({ title, subtitle, actions, children }: Props) {
  return (
    <header className="page-header">
      <div className="page-header-row">
        <div className="page-title">
          <h1>{title}</h1>
          {subtitle && <p className="subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="actions">{actions}</div>}
      </div>
      {children}
    </header>
  );
}
