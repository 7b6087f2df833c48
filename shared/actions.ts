/**
 * What to do about a domain's findings, as plain data (structured-clone and JSON safe): per domain an ordered
 * list of actions with the exact values to publish, a readiness verdict for moving to `enforce`, and across an
 * estate the same actions grouped by their root cause. Derived by electron/engine/actions/ from a DomainResult;
 * every text here is meant for a person, so it carries no finding code, placeholder or section sign.
 */
import type { FindingCode, Severity } from './findings';
import type { Outcome } from './outcome';

export const ACTION_KINDS = [
  /** Make the name servers answer (a lookup ended in SERVFAIL or a time-out). */
  'dns-servers',
  /** Fix the MX records or the MX hosts' address records. */
  'mx-dns',
  /** Fix DNSSEC signatures, or sign a zone. */
  'dnssec',
  /** Offer STARTTLS correctly on an MX host (TLS service, not the certificate). */
  'mx-starttls',
  /** Give an MX host a certificate with the right names, dates, chain and key. */
  'mx-certificate',
  /** Publish the TLSA records that match what an MX host serves. */
  'dane-tlsa',
  /** Make https://mta-sts.<domain>/.well-known/mta-sts.txt answer correctly (DNS, TLS, certificate, HTTP). */
  'policy-host',
  /** Serve the policy file with exactly the proposed content. */
  'policy-file',
  /** Publish or correct the _mta-sts TXT record. */
  'sts-record',
  /** Give the _mta-sts record a new id after a policy change. */
  'id-bump',
  /** Move the policy from testing to enforce. */
  'mode-enforce',
  /** Publish or correct the TLS reporting record. */
  'tlsrpt-record',
  /** Withdraw MTA-STS properly: mode none first, then removal. */
  'retire',
  /** Built from the catalogue's advice where no specific action applies. */
  'generic',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Restore delivery first, then complete protection, then tidy up. */
export const ACTION_STAGES = ['restore', 'protect', 'hygiene'] as const;
export type ActionStage = (typeof ACTION_STAGES)[number];

export const ACTION_STAGE_LABEL: Readonly<Record<ActionStage, string>> = {
  restore: 'Restore delivery',
  protect: 'Complete protection',
  hygiene: 'Tidy up',
};

export type PublishKind =
  /** A TXT record: `name` is the owner name, `value` the record text exactly as it must read. */
  | 'dns-txt'
  /** An MX record: `value` is "preference exchange". */
  | 'dns-mx'
  /** A TLSA record: `value` is "usage selector matching-type data". */
  | 'dns-tlsa'
  /** A record to delete: `value` is its text as published now. */
  | 'dns-delete'
  /** The policy file: `name` is its URL, `value` the exact file content. */
  | 'policy-file'
  /** An HTTP response header the policy host must send: `value` is the whole header line. */
  | 'http-header'
  /** A certificate: `name` is the host that serves it, `value` the names it must hold, comma-separated. */
  | 'certificate';

export interface Publish {
  kind: PublishKind;
  name: string;
  value: string;
}

export interface Action {
  kind: ActionKind;
  stage: ActionStage;
  /** Stable grouping key: the thing to fix, e.g. "mx-certificate:mx1.provider.test" or "sts-record:example.com". */
  rootCause: string;
  title: string;
  /** One plain line: what is wrong and what it costs. */
  why: string;
  steps: string[];
  /** Exact values to publish, in the order to publish them. */
  publish: Publish[];
  /** Findings that are gone once this action is applied (on top of the actions listed before it). */
  resolves: FindingCode[];
  /** Worst severity among `resolves`. */
  severity: Severity;
  /** The MX or policy hosts concerned. */
  hosts: string[];
}

/** Can the domain move to (or reach) mode enforce now, and if not, what stands in the way. */
export interface Readiness {
  ready: boolean;
  /** Plain sentences, one per obstacle; empty when ready. */
  blockers: string[];
}

export interface DomainActions {
  actions: Action[];
  /** Set for a domain that is not in enforce yet and receives mail (absent, invalid, none, testing). */
  readiness?: Readiness;
}

/** One root cause across an estate: fix it once, and every listed domain benefits. */
export interface EstateAction {
  rootCause: string;
  kind: ActionKind;
  stage: ActionStage;
  title: string;
  /** 1 = do first. See groupActions for the order. */
  priority: number;
  /** The worst outcome among the domains this action moves (hygiene counts as protected: it moves nothing). */
  outcome: Outcome;
  domains: string[];
  hosts: string[];
  severity: Severity;
  /** The action as derived for the first domain, with its exact values. */
  example: Action;
}
