/**
 * Starts the whole lab from the estate data: a CA (plus an untrusted one), one certificate per policy
 * host and MX host, the SMTP servers (one loopback address each, one shared port), the HTTPS server
 * (SNI) and the DNS server holding every zone. Returns the engine settings that point at it.
 */
import { DEFAULT_SETTINGS, type AuditSettings } from '../../shared/types';
import { createCa, type IssuedCert, type LabCa } from './ca';
import { startLabDns, type LabDns, type LabRecord } from './dns-server';
import { startLabHttps, type HttpsHostBehaviour, type LabHttps } from './https-server';
import { startLabSmtp, type LabSmtp, type SmtpHostBehaviour } from './smtp-lab';
import { DEFAULT_ID, PROVIDER_MX, policyBody, type CertKind, type DomainSpec, type MxHostSpec } from './estate/spec';
import { domainToASCII } from 'node:url';
import { createHash } from 'node:crypto';

export const LAB_HTTPS_ADDRESS = '127.0.0.1';
const DAY = 86_400_000;

export interface Lab {
  settings: AuditSettings;
  dns: LabDns;
  https: LabHttps;
  smtp: LabSmtp;
  ca: LabCa;
  domains: DomainSpec[];
  /** Replace a domain's records and policy host (run comparisons). */
  update(spec: DomainSpec): Promise<void>;
  close(): Promise<void>;
}

export interface LabOptions {
  domains: DomainSpec[];
  mxHosts: MxHostSpec[];
  /** Latency injected into every DNS answer, HTTP response and SMTP reply (benchmark). */
  latency?: { dnsMs?: number; httpMs?: number; smtpMs?: number };
  /** Extra zone records (e.g. provider zones, a signed control name). */
  records?: LabRecord[];
  signedZones?: string[];
}

export async function issueFor(kind: CertKind, name: string, ca: LabCa, rogue: LabCa): Promise<IssuedCert> {
  const now = Date.now();
  switch (kind) {
    case 'valid': return ca.issue({ dnsNames: [name], commonName: name });
    case 'wildcard': return ca.issue({ dnsNames: [`*.${name.split('.').slice(1).join('.')}`] });
    case 'wrong-name': return ca.issue({ dnsNames: ['unrelated.provider-hosting.test'], commonName: 'unrelated.provider-hosting.test' });
    case 'expired': return ca.issue({ dnsNames: [name], notBefore: new Date(now - 90 * DAY), notAfter: new Date(now - 2 * DAY) });
    case 'not-yet-valid': return ca.issue({ dnsNames: [name], notBefore: new Date(now + 2 * DAY), notAfter: new Date(now + 90 * DAY) });
    case 'expiring': return ca.issue({ dnsNames: [name], notBefore: new Date(now - 80 * DAY), notAfter: new Date(now + 5 * DAY) });
    case 'untrusted': return rogue.issue({ dnsNames: [name], commonName: name });
    case 'self-signed': return ca.issue({ dnsNames: [name], commonName: name, selfSigned: true });
    case 'cn-only': return ca.issue({ commonName: name, noSan: true });
    case 'weak-rsa': return ca.issue({ dnsNames: [name], key: 'rsa-1024' });
    case 'sha1': return ca.issue({ dnsNames: [name], signatureHash: 'SHA-1' });
  }
}

const txt = (name: string, items: (string | string[])[]): LabRecord[] => items.map((t) => ({ name, type: 'TXT', data: Array.isArray(t) ? t : [t] }));

/** The zone records a domain spec publishes; `smtp:<host>` in an address list means "the lab SMTP address of host". */
export function recordsFor(spec: DomainSpec, smtp: LabSmtp): LabRecord[] {
  const d = domainToASCII(spec.name);
  const addr = (a: string) => (a.startsWith('smtp:') ? smtp.addressOf(a.slice(5)) : a);
  const out: LabRecord[] = [];
  const mx = spec.mx ?? PROVIDER_MX;
  if (mx !== 'none') for (const [preference, exchange] of mx) out.push({ name: d, type: 'MX', data: { preference, exchange } });
  for (const a of spec.apexA ?? []) out.push({ name: d, type: 'A', data: addr(a) });
  if (spec.sts !== null) out.push(...txt(`_mta-sts.${d}`, spec.sts ?? [`v=STSv1; id=${DEFAULT_ID}`]));
  if (spec.tlsrpt !== null) out.push(...txt(`_smtp._tls.${d}`, spec.tlsrpt ?? [`v=TLSRPTv1; rua=mailto:tlsrpt@${d}`]));
  if (spec.policy !== null) {
    if (spec.policyHostCname) out.push({ name: `mta-sts.${d}`, type: 'CNAME', data: spec.policyHostCname });
    else for (const a of spec.policyHostAddress ?? [LAB_HTTPS_ADDRESS]) out.push({ name: `mta-sts.${d}`, type: 'A', data: a });
  }
  out.push(...(spec.extra ?? []).map((r) => ({ ...r, data: r.type === 'A' ? addr(String(r.data)) : r.data }) as LabRecord));
  return out;
}

async function httpsBehaviour(spec: DomainSpec, ca: LabCa, rogue: LabCa): Promise<HttpsHostBehaviour> {
  const d = domainToASCII(spec.name);
  const h = spec.https ?? {};
  const cert = await issueFor(h.cert ?? 'valid', `mta-sts.${d}`, ca, rogue);
  const headers: Record<string, string> = { 'content-type': 'text/plain', ...h.headers };
  if (headers['content-type'] === '') delete headers['content-type'];
  return {
    cert: { keyPem: cert.keyPem, chainPem: cert.chainPem },
    status: h.status ?? 200,
    headers,
    body: h.body ?? spec.policy ?? policyBody('enforce'),
    headerDelayMs: h.headerDelayMs,
    trickle: h.trickle,
    abortHandshake: h.abortHandshake,
    tls: h.tlsMaxVersion ? { maxVersion: h.tlsMaxVersion } : undefined,
  };
}

async function smtpBehaviour(spec: MxHostSpec, ca: LabCa, rogue: LabCa, replyDelayMs?: number): Promise<SmtpHostBehaviour & { issued?: IssuedCert }> {
  const issued = spec.noStarttls ? undefined : await issueFor(spec.cert ?? 'valid', spec.name, ca, rogue);
  return {
    name: spec.name, cert: issued ? { keyPem: issued.keyPem, chainPem: issued.chainPem } : undefined, noStarttls: spec.noStarttls,
    greeting: spec.greeting, starttlsReply: spec.starttlsReply, bannerDelayMs: spec.bannerDelayMs, closeAfterEhlo: spec.closeAfterEhlo,
    tlsMaxVersion: spec.tlsMaxVersion, requireSni: spec.requireSni, advertiseAfterTls: spec.advertiseAfterTls, requireTls: spec.requireTls,
    replyDelayMs, issued,
  };
}

/** TLSA records for an MX host spec, computed from the certificate it actually serves. */
function tlsaFor(spec: MxHostSpec, issued: IssuedCert | undefined, ca: LabCa): LabRecord[] {
  if (!spec.tlsa) return [];
  const owner = `_25._tcp.${spec.name}`;
  if (spec.tlsa === 'match') return [{ name: owner, type: 'TLSA', data: { usage: 3, selector: 1, matchingType: 1, data: issued!.spkiSha256 } }];
  if (spec.tlsa === 'mismatch') return [{ name: owner, type: 'TLSA', data: { usage: 3, selector: 1, matchingType: 1, data: 'ab'.repeat(32) } }];
  if (spec.tlsa === 'ta-match') {
    return [{ name: owner, type: 'TLSA', data: { usage: 2, selector: 0, matchingType: 1, data: createHashHex(ca.certDer) } }];
  }
  return spec.tlsa.map((t) => ({ name: owner, type: 'TLSA', data: t }));
}

function createHashHex(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

export async function startLab(opts: LabOptions): Promise<Lab> {
  const ca = await createCa('MTA-STS Lab CA');
  const rogue = await createCa('Rogue CA');
  const behaviours = await Promise.all(opts.mxHosts.filter((m) => !m.down).map((m) => smtpBehaviour(m, ca, rogue, opts.latency?.smtpMs)));
  const smtp = await startLabSmtp(behaviours);
  const hosts: Record<string, HttpsHostBehaviour> = {};
  await Promise.all(opts.domains.map(async (d) => (hosts[`mta-sts.${domainToASCII(d.name)}`] = await httpsBehaviour(d, ca, rogue))));
  const defaultCert = await ca.issue({ dnsNames: ['default.lab.test'] });
  const https = await startLabHttps({ hosts, defaultCert: { keyPem: defaultCert.keyPem, chainPem: defaultCert.chainPem }, delayMs: opts.latency?.httpMs, address: LAB_HTTPS_ADDRESS });
  const mxRecords = opts.mxHosts.flatMap((m) => [
    ...(m.down ? [{ name: m.name, type: 'A', data: '127.0.0.8' } as LabRecord] : [{ name: m.name, type: 'A', data: smtp.addressOf(m.name) } as LabRecord]),
    ...tlsaFor(m, behaviours.find((b) => b.name === m.name)?.issued, ca),
  ]);
  const providerRecords: LabRecord[] = [
    { name: 'sts-host.provider.test', type: 'A', data: LAB_HTTPS_ADDRESS },
    { name: 'reports.provider.test', type: 'MX', data: { preference: 10, exchange: 'mx1.provider.test' } },
    { name: 'signed-control.test', type: 'TXT', data: ['this zone is signed'] },
  ];
  const zoneRecords = () => [...providerRecords, ...mxRecords, ...(opts.records ?? []), ...opts.domains.flatMap((d) => recordsFor(d, smtp))];
  const faults = () => opts.domains.flatMap((d) => d.faults ?? []);
  const signed = () => ['signed-control.test', ...(opts.signedZones ?? []), ...opts.domains.filter((d) => d.signed).map((d) => domainToASCII(d.name)), ...opts.mxHosts.filter((m) => m.signed).map((m) => m.name)];
  const dns = await startLabDns({ records: zoneRecords(), faults: faults(), signedZones: signed(), delayMs: opts.latency?.dnsMs });
  const settings: AuditSettings = {
    ...DEFAULT_SETTINGS,
    resolvers: [`127.0.0.1:${dns.port}`],
    dnsTimeoutMs: 1500,
    dnsRetries: 1,
    extraCaPem: ca.certPem,
    httpsPort: https.port,
    smtpPort: smtp.port,
    privateAllowlist: ['127.0.0.0/8'],
    dnssecControlName: 'signed-control.test',
    httpTimeoutMs: 2500,
    httpIdleTimeoutMs: 1000,
    httpSlowMs: 500,
    smtpConnectTimeoutMs: 1500,
    smtpReplyTimeoutMs: 1500,
  };
  const domains = [...opts.domains];
  return {
    settings, dns, https, smtp, ca, domains,
    async update(spec) {
      const i = domains.findIndex((d) => d.name === spec.name);
      if (i >= 0) domains[i] = spec;
      else domains.push(spec);
      opts.domains = domains;
      https.setHost(`mta-sts.${domainToASCII(spec.name)}`, await httpsBehaviour(spec, ca, rogue));
      dns.setRecords(zoneRecords());
      dns.setFaults(faults());
      dns.setSignedZones(signed());
    },
    async close() {
      await Promise.all([dns.close(), https.close(), smtp.close()]);
    },
  };
}
