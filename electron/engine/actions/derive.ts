/**
 * A domain's actions, in the order to do them: what restores delivery first, then what completes protection,
 * then tidying up. Within a stage, dependencies decide (DNS before servers, the policy file before the record
 * that points at it, the record before the mode switch), then severity. Pure: same result and time, same list.
 */
import { ACTION_STAGES, type Action, type ActionKind, type DomainActions } from '../../../shared/actions';
import { severityRank, type FindingCode } from '../../../shared/findings';
import type { DomainResult } from '../../../shared/types';
import { actionContext } from './action-context';
import { daneActions, danePartialAction } from './dane-actions';
import { dnsServerActions, dnssecActions, mxHostDnsActions, mxSetActions } from './dns-actions';
import { genericActions } from './generic-action';
import { mxTransportActions } from './mx-transport-actions';
import { policyHosts } from './mx-state';
import { idBumpAction, modeEnforceAction, policyFileAction, recordAction, retireAction } from './policy-actions';
import { policyHostAction } from './policy-host-action';
import { readiness } from './readiness';
import { tlsRptActions } from './tlsrpt-action';

const KIND_ORDER: readonly ActionKind[] = [
  'dns-servers', 'dnssec', 'mx-dns', 'policy-host', 'policy-file', 'sts-record', 'id-bump', 'retire',
  'mx-starttls', 'mx-certificate', 'dane-tlsa', 'tlsrpt-record', 'mode-enforce', 'generic',
];

function order(a: Action, b: Action): number {
  return ACTION_STAGES.indexOf(a.stage) - ACTION_STAGES.indexOf(b.stage)
    || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
    || severityRank(a.severity) - severityRank(b.severity)
    || a.rootCause.localeCompare(b.rootCause);
}

export function deriveActions(result: DomainResult, now: Date): DomainActions {
  const ctx = actionContext(result, now);
  const ready = readiness(result);
  const modeChange = result.posture === 'testing' && ready?.ready === true;
  const record = recordAction(ctx);
  const file = policyFileAction(ctx, { recordAction: record.length > 0, modeChange });
  // The file goes live before the record that points at it: never a later stage than the record.
  for (const f of file) for (const r of record) if (ACTION_STAGES.indexOf(r.stage) < ACTION_STAGES.indexOf(f.stage)) f.stage = r.stage;
  const hosts = result.mx;
  const specific: Action[] = [
    ...dnsServerActions(ctx, hosts), ...dnssecActions(ctx, hosts), ...mxSetActions(ctx), ...hosts.flatMap((h) => mxHostDnsActions(ctx, h)),
    ...policyHostAction(ctx), ...file, ...record,
    ...idBumpAction(ctx, file.some((a) => a.publish.some((p) => p.kind === 'dns-txt')) || record.length > 0 || modeChange),
    ...retireAction(ctx),
    ...hosts.flatMap((h) => [...mxTransportActions(ctx, h), ...daneActions(ctx, h)]), ...danePartialAction(ctx, policyHosts(result)),
    ...tlsRptActions(ctx), ...(modeChange ? modeEnforceAction(ctx) : []),
  ];
  const covered = new Set<FindingCode>(specific.flatMap((a) => a.resolves));
  const actions = [...specific, ...genericActions(ctx, covered)].sort(order);
  return ready ? { actions, readiness: ready } : { actions };
}
