/**
 * Command-line arguments shared by every network command. Bad arguments raise UsageError, which the CLI
 * prints with the usage text and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import ipaddr from 'ipaddr.js';
import { DEFAULT_SETTINGS, type AuditSettings } from '../../shared/types';
import { DNSSEC_CONTROL_HINT, isDnssecControlName } from '../../shared/dnssec-control';

export class UsageError extends Error {
  override name = 'UsageError';
}

export const NETWORK_OPTIONS = {
  resolver: { type: 'string', multiple: true },
  ca: { type: 'string' },
  'https-port': { type: 'string' },
  'smtp-port': { type: 'string' },
  'allow-private': { type: 'boolean' },
  'allow-private-range': { type: 'string', multiple: true },
  timeout: { type: 'string' },
  'dnssec-control': { type: 'string' },
  'no-smtp': { type: 'boolean' },
  json: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function port(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--${name} must be a port number (1-65535), got "${value}"`);
  return n;
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number, got "${value}"`);
  return n;
}

interface NetworkValues {
  resolver?: string[];
  ca?: string;
  'https-port'?: string;
  'smtp-port'?: string;
  'allow-private'?: boolean;
  'allow-private-range'?: string[];
  timeout?: string;
  'dnssec-control'?: string;
  'no-smtp'?: boolean;
}

/** Only the settings the user gave on the command line (resume keeps the run's stored settings otherwise). */
export function networkOverrides(v: NetworkValues): Partial<AuditSettings> {
  const s: Partial<AuditSettings> = {};
  if (v.resolver) {
    for (const r of v.resolver) if (!/^(\[[0-9a-fA-F:.]+\]|[^:\s]+)(:\d{1,5})?$/.test(r)) throw new UsageError(`--resolver must be HOST or HOST:PORT, got "${r}"`);
    s.resolvers = v.resolver;
  }
  if (v.ca) s.extraCaPem = readCa(v.ca);
  if (v['https-port'] !== undefined) s.httpsPort = port(v['https-port'], 'https-port');
  if (v['smtp-port'] !== undefined) s.smtpPort = port(v['smtp-port'], 'smtp-port');
  if (v['allow-private']) s.allowPrivate = true;
  if (v['allow-private-range']) {
    for (const r of v['allow-private-range']) if (!isCidr(r)) throw new UsageError(`--allow-private-range must be an address range such as 10.0.0.0/8, got "${r}"`);
    s.privateAllowlist = v['allow-private-range'];
  }
  if (v['dnssec-control'] !== undefined) {
    const name = v['dnssec-control'].trim();
    if (!isDnssecControlName(name)) throw new UsageError(`--dnssec-control must be ${DNSSEC_CONTROL_HINT}, got "${v['dnssec-control']}"`);
    s.dnssecControlName = name;
  }
  if (v['no-smtp']) s.smtpProbes = false;
  const t = positive(v.timeout, 'timeout');
  if (t !== undefined) {
    // One knob for every network step; the policy fetch keeps RFC 8461's minute unless that is lower.
    Object.assign(s, { dnsTimeoutMs: t, httpTimeoutMs: Math.min(DEFAULT_SETTINGS.httpTimeoutMs, t * 4), httpIdleTimeoutMs: t, smtpConnectTimeoutMs: t, smtpReplyTimeoutMs: t });
  }
  return s;
}

export function settingsFrom(v: NetworkValues): AuditSettings {
  return { ...DEFAULT_SETTINGS, ...networkOverrides(v) };
}

function isCidr(value: string): boolean {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}

function readCa(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--ca: cannot read ${file}: ${(e as Error).message}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca: ${file} holds no PEM certificate`);
  return pem;
}
