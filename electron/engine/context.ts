/**
 * Everything an audit touches from outside, injected: the resolver, the trust store, the settings, the clock
 * and the shared SMTP prober. The same engine audits the lab and the internet with a different context.
 */
import dns from 'node:dns';
import { DEFAULT_SETTINGS, type AuditSettings } from '../../shared/types';
import { CachingDns, DnsClient, parseServer, type DnsLookup, type DnsServer } from './net/dns';
import { createTrustStore, type TrustStore } from './tls/handshake';
import { SmtpProber, type ProbeRecall, type SmtpProbeSource } from './smtp/prober';
import { KeyedLimiter } from './keyed-limiter';

export const TOOL_NAME = 'mta-sts-auditor';
export const TOOL_VERSION = '0.1.0';

export interface AuditContext {
  dns: DnsLookup;
  settings: AuditSettings;
  trust: TrustStore;
  now: () => Date;
  /** Probes each MX host/address once per run; absent when probes are off. */
  smtp?: SmtpProbeSource;
  /** Caps concurrent policy fetches per IP address across the run (politeness towards hosting providers). */
  httpsPerIp: KeyedLimiter;
  toolVersion: string;
}

/** The system's configured resolvers, as node:dns sees them (resolv.conf on Unix, the adapter settings on Windows). */
export function systemResolvers(): DnsServer[] {
  return dns.getServers().map(parseServer);
}

export function resolverServers(settings: AuditSettings): DnsServer[] {
  return settings.resolvers.length > 0 ? settings.resolvers.map(parseServer) : systemResolvers();
}

/** Shared per run: one DNS cache (many domains share MX hosts), one trust store. */
export function createAuditContext(settings: AuditSettings, extras: { now?: () => Date; recallProbe?: ProbeRecall } = {}): AuditContext {
  // Runs stored before the query ceiling existed have no dnsQps: they get the default.
  const client = new DnsClient({ servers: resolverServers(settings), timeoutMs: settings.dnsTimeoutMs, retries: settings.dnsRetries, qps: settings.dnsQps ?? DEFAULT_SETTINGS.dnsQps });
  const trust = createTrustStore(settings.extraCaPem);
  const now = extras.now ?? (() => new Date());
  const dns = new CachingDns(client);
  return {
    dns,
    settings,
    trust,
    now,
    smtp: settings.smtpProbes ? new SmtpProber({ settings, trust, now, dns, recall: extras.recallProbe }) : undefined,
    httpsPerIp: new KeyedLimiter(Math.max(1, settings.httpsPerIpConcurrency ?? DEFAULT_SETTINGS.httpsPerIpConcurrency)),
    toolVersion: TOOL_VERSION,
  };
}
