import type { Action, DomainActions, Publish, PublishKind } from '../../shared/actions';
import { ACTION_STAGE_LABEL } from '../../shared/actions';
import { plainText } from '../../shared/plain-language';
import { SeverityBadge } from './Badges';
import { CopyButton } from './CopyButton';

const PUBLISH_LABEL: Record<PublishKind, string> = {
  'dns-txt': 'TXT record',
  'dns-mx': 'MX record',
  'dns-tlsa': 'TLSA record',
  'dns-delete': 'Delete this record',
  'policy-file': 'Policy file',
  'http-header': 'HTTP header',
  certificate: 'Certificate names',
};

function PublishValue({ p }: { p: Publish }) {
  return (
    <div className="publish">
      <div className="publish-head">
        <span className="publish-kind">{PUBLISH_LABEL[p.kind]}</span>
        <span className="mono publish-name">{p.name}</span>
        <CopyButton text={p.value} label={`${PUBLISH_LABEL[p.kind]} ${p.name}`} />
      </div>
      <pre className="publish-value" aria-label={`${PUBLISH_LABEL[p.kind]} value`}>{p.value}</pre>
    </div>
  );
}

function ActionCard({ action, index }: { action: Action; index: number }) {
  return (
    <article className={`action sev-border-${action.severity}`} aria-label={action.title}>
      <header className="action-head">
        <span className="action-step">{index + 1}</span>
        <h3>{action.title}</h3>
        <span className="muted small">{ACTION_STAGE_LABEL[action.stage]}</span>
        <SeverityBadge severity={action.severity} />
      </header>
      <p className="action-why">{action.why}</p>
      {action.steps.length > 0 && <ol className="action-steps">{action.steps.map((s) => <li key={s}>{s}</li>)}</ol>}
      {action.publish.map((p, i) => <PublishValue key={`${p.kind}:${p.name}:${i}`} p={p} />)}
      {action.resolves.length > 0 && (
        <p className="muted small action-resolves">Solves: {action.resolves.map((c) => plainText(c).title).join(' · ')}</p>
      )}
    </article>
  );
}

/** The domain's actions in the order to take them, with the exact values to publish and copy. */
export function ActionList({ actions }: { actions: DomainActions }) {
  const { readiness } = actions;
  return (
    <div className="actions-list">
      {readiness && (
        <p className={`readiness ${readiness.ready ? 'ok' : 'not-ready'}`} role="note">
          {readiness.ready ? 'Ready for enforce: nothing stands in the way of mode enforce.' : <>Not ready for enforce yet: {readiness.blockers.join(' ')}</>}
        </p>
      )}
      {actions.actions.length === 0
        ? <p className="muted">Nothing to do for this domain.</p>
        : actions.actions.map((a, i) => <ActionCard key={a.rootCause + i} action={a} index={i} />)}
    </div>
  );
}
