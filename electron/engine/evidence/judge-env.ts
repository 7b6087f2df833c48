/**
 * What judging needs besides a domain's own evidence: the run's settings (address allowance, the slow-fetch
 * threshold, the DNSSEC control name), the clock the verdict is taken at, and the auditor's trust anchors
 * (DANE_TA_NOT_IN_CHAIN names an anchor the server did not send). No resolver, no sockets.
 */
import type { X509Certificate } from 'node:crypto';
import type { AuditSettings } from '../../../shared/types';

export interface JudgeEnv {
  settings: AuditSettings;
  /**
   * When the verdict is taken: the audit's start (DomainResult.startedAt), so judging again later gives the same
   * answer. Certificate dates are compared with it; `daysLeft` was computed at the handshake and is evidence.
   */
  now: Date;
  knownAnchors: () => readonly X509Certificate[];
}
