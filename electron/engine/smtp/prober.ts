/**
 * The run's STARTTLS prober. Large providers serve thousands of audited domains from a few MX hosts, so
 * each host/address pair is probed once per run and the result shared; connections are capped per IP and
 * per host. It also learns whether port 25 is reachable from the auditor's network at all: when every
 * connection times out, domains get "not tested" instead of false defects.
 */
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { AuditSettings, SmtpProbe } from '../../../shared/types';
import type { TrustStore } from '../tls/handshake';
import { isObsoleteProtocol } from '../tls/handshake';
import { AiaCompleter, issuerMissing } from '../tls/aia';
import { certificateNameValid } from '../tls/certificate';
import type { DnsLookup } from '../net/dns';
import { addressFilter } from '../net/address-guard';
import { KeyedLimiter } from '../keyed-limiter';
import { SharedResults } from '../lru-map';
import { smtpSession, type SessionOptions, type SessionResult } from './session';

export type Reachability = 'reachable' | 'blocked';

/** What the rest of the engine needs from the prober (tests substitute it). */
export interface SmtpProbeSource {
  probe(host: string, address: string): Promise<SmtpProbe>;
  /** Known once one connection succeeds, or enough of them time out with none succeeding. */
  reachability(): Promise<Reachability>;
}

/** The run's stored probe of a host/address/port, if it has one that was not deferred. */
export type ProbeRecall = (host: string, address: string, port: number) => SmtpProbe | undefined;

/** Distinct addresses that must time out, with no connection succeeding, before port 25 counts as blocked. */
const BLOCKED_AFTER = 4;
const PROBE_CACHE_ENTRIES = 10_000;
/** Pause before trying a server that answered 4xx again, times the attempt number. */
const DEFERRED_RETRY_MS = 1000;

/** RFC 5321 §4.1.4: the EHLO argument is our FQDN, or an address literal when we have none. */
export function defaultEhloName(): string {
  const name = os.hostname().toLowerCase();
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(name) ? name : '[127.0.0.1]';
}

export class SmtpProber implements SmtpProbeSource {
  /**
   * Probes carry certificate chains: bounded, so a run over a very spread-out estate keeps flat memory. A
   * deferred probe (the server said "try again later") is not kept: the next domain on that MX asks again.
   */
  private readonly probes = new SharedResults<SmtpProbe>(PROBE_CACHE_ENTRIES, (p) => !p.deferred);
  private readonly bareSessions = new SharedResults<SessionResult>(PROBE_CACHE_ENTRIES, (r) => r.outcome === 'ok' || r.outcome === 'handshake-failed');
  private readonly perIp: KeyedLimiter;
  private readonly perHost: KeyedLimiter;
  private readonly aia: AiaCompleter;
  private connected = false;
  private readonly timedOut = new Set<string>();
  private pending = 0;
  private waiters: ((r: Reachability) => void)[] = [];

  constructor(private readonly deps: { settings: AuditSettings; trust: TrustStore; now: () => Date; dns: DnsLookup; recall?: ProbeRecall }) {
    this.perIp = new KeyedLimiter(Math.max(1, deps.settings.smtpPerIpConcurrency));
    this.perHost = new KeyedLimiter(Math.max(2, deps.settings.smtpPerIpConcurrency * 2));
    this.aia = new AiaCompleter({ dns: deps.dns, allowed: addressFilter(deps.settings), trust: deps.trust, now: deps.now });
  }

  probe(host: string, address: string): Promise<SmtpProbe> {
    const name = host.toLowerCase();
    // A probe this run already stored (before a resume, or since forgotten by the cache) is the run's answer
    // for that address: probing again could give every later domain evidence that differs from the stored one.
    return this.probes.get(`${name} ${address}`, async () => {
      const stored = this.deps.recall?.(name, address, this.deps.settings.smtpPort);
      if (!stored) return this.run(name, address);
      this.learnFrom(stored, address);
      return stored;
    });
  }

  /** A stored probe says as much about port 25 as the sessions that made it (see session()). */
  private learnFrom(probe: SmtpProbe, address: string): void {
    if (probe.outcome === 'connect-timeout') this.timedOut.add(address);
    else if (probe.outcome !== 'connect-failed' && probe.outcome !== 'not-tested') this.connected = true;
    this.settle();
  }

  reachability(): Promise<Reachability> {
    const known = this.verdict();
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private verdict(): Reachability | undefined {
    if (this.connected) return 'reachable';
    if (this.timedOut.size >= BLOCKED_AFTER) return 'blocked';
    // Nothing more will be learnt: decide on what was seen.
    if (this.pending === 0 && this.timedOut.size > 0) return 'blocked';
    return undefined;
  }

  private settle(): void {
    const v = this.verdict();
    if (!v) return;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w(v);
  }

  private async session(host: string, address: string, how: Pick<SessionOptions, 'flavour' | 'sni'>): Promise<SessionResult> {
    const s = this.deps.settings;
    this.pending++;
    try {
      const r = await this.perHost.run(host, () => this.perIp.run(address, () => smtpSession({
        host, address, port: s.smtpPort, ehloName: s.ehloName || defaultEhloName(), trust: this.deps.trust, ...how,
        connectTimeoutMs: s.smtpConnectTimeoutMs, replyTimeoutMs: s.smtpReplyTimeoutMs, now: this.deps.now(),
      })));
      if (r.connected) this.connected = true;
      else if (r.connectTimedOut) this.timedOut.add(address);
      return r;
    } finally {
      this.pending--;
      this.settle();
    }
  }

  /**
   * The session without SNI, once per address: without SNI the server cannot tell which of its names the
   * client wants, so it answers every name on that address alike (a hosting provider serving hundreds of
   * customer MX names from one IP gets one such session, not hundreds). The certificate is then judged
   * against each host name. Only a definite answer is shared; a failure to connect or a 4xx is asked again.
   */
  private withoutSni(host: string, address: string): Promise<SessionResult> {
    return this.bareSessions.get(address, () => this.session(host, address, { flavour: 'trusted', sni: false }));
  }

  private async run(host: string, address: string): Promise<SmtpProbe> {
    const startedAt = this.deps.now().toISOString();
    // The SNI-less session runs alongside, so it costs no time on the domain's critical path.
    let [main, bare] = await Promise.all([this.session(host, address, { flavour: 'trusted', sni: true }), this.withoutSni(host, address)]);
    // CHECKS §3.3: a failed connection is tried again. A time-out only once port 25 is known to work here,
    // or a blocked network would wait out every time-out twice.
    // A temporary (4xx) refusal is tried again after a pause, as a sender would, only much sooner.
    // The SNI-less session is tried again when it was only deferred: a server allowing one connection per
    // client answers the second one 421, which says nothing about SNI.
    const retryMain = (r: SessionResult) => r.outcome === 'connect-failed' || (r.outcome === 'connect-timeout' && this.connected) || r.deferred === true;
    let attempts = 1;
    for (let round = 1; round <= this.deps.settings.retries && (retryMain(main) || bare.deferred); round++) {
      if (main.deferred || bare.deferred) await delay(DEFERRED_RETRY_MS * round);
      const again = retryMain(main);
      [main, bare] = await Promise.all([
        again ? this.session(host, address, { flavour: 'trusted', sni: true }) : Promise.resolve(main),
        bare.outcome === 'ok' ? Promise.resolve(bare) : this.withoutSni(host, address),
      ]);
      if (again) attempts++;
    }
    let probe: SmtpProbe = { ...strip(main, startedAt), attempts };
    if (main.deferred) {
      // Still "try again later": senders keep the mail queued and retry for days, so nothing is known yet.
      const reply = (probe.phase === 'banner' ? probe.banner : probe.error) ?? '4xx';
      return { ...probe, outcome: 'not-tested', deferred: true, error: `the server answered the auditor only with a temporary refusal (${reply}); senders retry later, so its STARTTLS is unknown` };
    }
    if (main.outcome === 'handshake-failed') probe = await this.obsoleteCheck(host, address, probe);
    if (probe.outcome === 'ok' && probe.tls) {
      // Still deferred: nothing is known about the server without SNI (no STARTTLS_SNI_DEPENDENT either way).
      if (!bare.deferred) {
        const leaf = bare.tls?.chain[0];
        probe.withoutSni = bare.outcome === 'ok' && bare.tls
          ? { ok: true, nameValid: leaf ? certificateNameValid(leaf, host) : false, fingerprintSha256: leaf?.fingerprintSha256 }
          : { ok: false, nameValid: false, error: bare.error ?? bare.outcome };
      }
      if (!probe.tls.chainTrusted && issuerMissing(probe.tls.chainError)) {
        const top = probe.tls.chain.at(-1);
        const url = top ? await this.aia.completes(Buffer.from(top.derBase64, 'base64')) : undefined;
        if (url) probe.tls.completedVia = url;
      }
    }
    return probe;
  }

  /** RFC 8996: a server that only completes a handshake below TLS 1.2 is reported as such, not as "failed". */
  private async obsoleteCheck(host: string, address: string, failed: SmtpProbe): Promise<SmtpProbe> {
    const legacy = await this.session(host, address, { flavour: 'legacy', sni: true });
    if (legacy.outcome === 'ok' && legacy.tls && isObsoleteProtocol(legacy.tls.protocol)) {
      return { ...failed, outcome: 'tls-obsolete', tls: legacy.tls, error: `${failed.error ?? ''}; completes only with ${legacy.tls.protocol}`.replace(/^; /, '') };
    }
    return failed;
  }
}

function strip(r: SessionResult, startedAt: string): SmtpProbe {
  const { connected: _c, connectTimedOut: _t, deferred: _d, ...probe } = r;
  return { ...probe, startedAt };
}
