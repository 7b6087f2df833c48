/**
 * The network settings form of an audit (Settings' defaults and a new audit's panel): what the fields hold
 * (seconds, comma-separated lists, pasted PEM) and how they become `AuditSettings`. Settings the form does
 * not show (DNS retries…) pass through from the saved defaults unchanged.
 */
import type { AppSettings, RequestInput } from '../shared/ipc';
import { DEFAULT_SETTINGS } from '../shared/types';
import { DNSSEC_CONTROL_HINT, isDnssecControlName } from '../shared/dnssec-control';

type SettingsInput = RequestInput<'run:start'>['settings'];

export interface AuditForm {
  concurrency: string;
  smtpProbes: boolean;
  resolvers: string;
  dnsTimeoutSec: string;
  httpTimeoutSec: string;
  smtpTimeoutSec: string;
  smtpReplyTimeoutSec: string;
  /** Extra trust anchor(s), PEM; '' for none. */
  extraCaPem: string;
  allowPrivate: boolean;
  ehloName: string;
  smtpPerIp: string;
  httpsPerIp: string;
  /** Non-global ranges allowed even when private addresses are not (comma-separated CIDRs). */
  privateRanges: string;
  /** Ports of the policy hosts and MX hosts: 443 and 25 on the internet, others on test networks and in the lab. */
  httpsPort: string;
  smtpPort: string;
  /** A signed name the resolver answers with AD if it validates: "." (the root), or an internal signed zone. */
  dnssecControl: string;
}

const sec = (ms: number) => String(ms / 1000);

/** The form as the saved defaults (over the built-in ones) fill it. */
export function formFromSettings(s: AppSettings): AuditForm {
  const a = { ...DEFAULT_SETTINGS, ...s.audit };
  return {
    concurrency: String(s.concurrency),
    smtpProbes: a.smtpProbes,
    resolvers: a.resolvers.join(', '),
    dnsTimeoutSec: sec(a.dnsTimeoutMs),
    httpTimeoutSec: sec(a.httpTimeoutMs),
    smtpTimeoutSec: sec(a.smtpConnectTimeoutMs),
    smtpReplyTimeoutSec: sec(a.smtpReplyTimeoutMs),
    extraCaPem: a.extraCaPem ?? '',
    allowPrivate: a.allowPrivate,
    ehloName: a.ehloName,
    smtpPerIp: String(a.smtpPerIpConcurrency),
    httpsPerIp: String(a.httpsPerIpConcurrency),
    privateRanges: a.privateAllowlist.join(', '),
    httpsPort: String(a.httpsPort),
    smtpPort: String(a.smtpPort),
    dnssecControl: a.dnssecControlName,
  };
}

export type FormErrors = Partial<Record<keyof AuditForm, string>>;

/** The PEM blocks the contract accepts; anything else pasted is refused here with a clearer message. */
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const EHLO = /^$|^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f.:]+\]$/;
const CIDR = /^[0-9A-Fa-f.:]+\/\d{1,3}$/;

/** How many certificates a pasted PEM holds (0 when none is complete). */
export function pemCount(pem: string): number {
  return pem.match(PEM_BLOCK)?.length ?? 0;
}

function seconds(v: string, min: number, max: number): number | string {
  const n = Number(v.replace(',', '.'));
  if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max) return `between ${min} and ${max} seconds`;
  return Math.round(n * 1000);
}

function whole(v: string, min: number, max: number): number | string {
  const n = Number(v);
  return v.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : `a whole number from ${min} to ${max}`;
}

function pemError(pem: string): string | undefined {
  if (pem === '') return undefined;
  if (pem.length > 512_000) return 'too long: at most 500 KB of PEM';
  if (pemCount(pem) === 0) return 'paste certificates in PEM form: -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----';
  return undefined;
}

/** Checks the fields and builds the settings; the main process validates again with the contract schema. */
export function settingsFromForm(form: AuditForm, saved: AppSettings['audit']): { concurrency: number; settings: SettingsInput } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const numbers = {
    concurrency: whole(form.concurrency, 1, 256),
    dnsTimeoutSec: seconds(form.dnsTimeoutSec, 0.1, 60),
    httpTimeoutSec: seconds(form.httpTimeoutSec, 0.1, 300),
    smtpTimeoutSec: seconds(form.smtpTimeoutSec, 0.1, 300),
    smtpReplyTimeoutSec: seconds(form.smtpReplyTimeoutSec, 0.1, 300),
    smtpPerIp: whole(form.smtpPerIp, 1, 64),
    httpsPerIp: whole(form.httpsPerIp, 1, 512),
    httpsPort: whole(form.httpsPort, 1, 65_535),
    smtpPort: whole(form.smtpPort, 1, 65_535),
  };
  for (const [key, v] of Object.entries(numbers)) if (typeof v === 'string') errors[key as keyof AuditForm] = v;
  const resolvers = form.resolvers.split(/[\s,]+/).filter(Boolean);
  if (resolvers.some((r) => !/^[A-Za-z0-9.:[\]_-]+$/.test(r))) errors.resolvers = 'addresses as host or host:port, separated by commas';
  const privateAllowlist = form.privateRanges.split(/[\s,]+/).filter(Boolean);
  if (privateAllowlist.length > 64 || privateAllowlist.some((r) => !CIDR.test(r))) errors.privateRanges = 'address ranges such as 10.20.0.0/16, separated by commas';
  const ehloName = form.ehloName.trim();
  if (ehloName.length > 253 || !EHLO.test(ehloName)) errors.ehloName = 'a host name (mail.example.net) or an address literal ([192.0.2.1])';
  // Empty means the default, the root.
  const dnssecControlName = form.dnssecControl.trim() || DEFAULT_SETTINGS.dnssecControlName;
  if (!isDnssecControlName(dnssecControlName)) errors.dnssecControl = DNSSEC_CONTROL_HINT;
  const pem = form.extraCaPem.trim();
  const pemProblem = pemError(pem);
  if (pemProblem) errors.extraCaPem = pemProblem;
  if (Object.keys(errors).length > 0) return { errors };
  const n = numbers as Record<keyof typeof numbers, number>;
  return {
    concurrency: n.concurrency,
    settings: {
      ...saved, resolvers, smtpProbes: form.smtpProbes, dnsTimeoutMs: n.dnsTimeoutSec, httpTimeoutMs: n.httpTimeoutSec,
      smtpConnectTimeoutMs: n.smtpTimeoutSec, smtpReplyTimeoutMs: n.smtpReplyTimeoutSec, allowPrivate: form.allowPrivate,
      ehloName, smtpPerIpConcurrency: n.smtpPerIp, httpsPerIpConcurrency: n.httpsPerIp, privateAllowlist, httpsPort: n.httpsPort, smtpPort: n.smtpPort,
      dnssecControlName,
      // null, not undefined: an emptied field clears the saved trust anchor, while undefined means "unchanged".
      extraCaPem: pem === '' ? null : `${pem}\n`,
    },
  };
}
