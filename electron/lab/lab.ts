/**
 * Starts the whole lab from the estate data: a CA (with an intermediate, plus an untrusted rogue CA), one
 * certificate per policy host and MX endpoint, the SMTP servers (one loopback address per endpoint, one
 * shared port), the HTTPS server (SNI) and the DNS server holding every zone. Returns the engine settings
 * that point at it: the same engine code audits the lab and the internet.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { DEFAULT_SETTINGS, type AuditSettings } from '../../shared/types';
import { createCa, type IssuedCert, type LabCa } from './ca';
import { startLabDns, type DnsFault, type LabDns, type LabRecord } from './dns-server';
import type { RrlOptions } from './rrl';
import { startLabHttps, type HttpsHostBehaviour, type LabHttps } from './https-server';
import { startBlackhole, type Blackhole } from './blackhole';
import { startLabSmtp, type LabSmtp, type SmtpHostBehaviour } from './smtp-lab';
import { PROVIDER_MX, policyBody, type CertKind, type DomainSpec, type MxHostSpec, type SmtpEndpointSpec, type TlsaRecipe } from './estate/spec';

export const LAB_HTTPS_ADDRESS = '127.0.0.1';
/** Nothing listens here: connections are refused at once. */
export const LAB_CLOSED_ADDRESS = '127.0.0.9';
/** Black-holed policy host addresses (`policyHostBlackhole`): `${prefix}1`, `${prefix}2`, …, SYNs dropped. */
const LAB_BLACKHOLE_PREFIX = '127.0.6.';
const DAY = 86_400_000;
const DEFAULT_ID = '20240101T000000Z';

export interface Lab {
  settings: AuditSettings;
  dns: LabDns;
  https: LabHttps;
  smtp: LabSmtp;
  ca: LabCa;
  domains: DomainSpec[];
  mxHosts: MxHostSpec[];
  /** Replace (or add) a domain's records and policy host: what changed between two runs. */
  update(spec: DomainSpec): Promise<void>;
  /** Re-issue an MX host's certificate from the lab CA with exactly these names, and serve it from now on. */
  reissueMxCertificate(host: string, dnsNames: string[]): Promise<void>;
  /** Replace the TLSA RRset at an MX host's owner name (`_25._tcp.<host>`) with these records. */
  setMxTlsa(owner: string, records: { usage: number; selector: number; matchingType: number; data: string }[]): void;
  close(): Promise<void>;
}

export interface LabOptions {
  domains: DomainSpec[];
  mxHosts: MxHostSpec[];
  /** Latency injected into every DNS answer, HTTP response and SMTP reply (benchmark). */
  latency?: { dnsMs?: number; httpMs?: number; smtpMs?: number };
  /** Extra zone records. */
  records?: LabRecord[];
  signedZones?: string[];
  /** More loopback addresses serving the policy hosts (spreads them over IPs, as on the internet). */
  httpsAddresses?: string[];
  /**
   * Policy hosts with the default certificate share one multi-SAN certificate per this many hosts, as a
   * hosting provider's would (keeps an estate of tens of thousands of domains cheap to start). Default 1.
   */
  policyCertBucket?: number;
  /** Response-rate limiting on the DNS server's UDP answers, as an nsd authoritative does it. */
  dnsRrl?: RrlOptions;
}

interface Issuers {
  ca: LabCa;
  rogue: LabCa;
  intermediate: LabCa;
  /** Signed by the lab CA, but no CA (no basicConstraints): issues the 'expired-non-ca-issuer' leaves. */
  notCa: LabCa;
  /** AIA URL serving the intermediate's certificate. */
  aiaUrl: string;
}

export async function issueFor(kind: CertKind, name: string, is: Issuers, includeRoot = false, alsoNames: string[] = []): Promise<IssuedCert> {
  const now = Date.now();
  const { ca, rogue, intermediate } = is;
  switch (kind) {
    case 'valid': return ca.issue({ dnsNames: [name, ...alsoNames], commonName: name, includeRoot });
    case 'wildcard': return ca.issue({ dnsNames: [`*.${name.split('.').slice(1).join('.')}`], includeRoot });
    case 'wrong-name': return ca.issue({ dnsNames: ['unrelated.provider-hosting.test'], commonName: 'unrelated.provider-hosting.test', includeRoot });
    case 'expired': return ca.issue({ dnsNames: [name], notBefore: new Date(now - 90 * DAY), notAfter: new Date(now - 2 * DAY), includeRoot });
    case 'not-yet-valid': return ca.issue({ dnsNames: [name], notBefore: new Date(now + 2 * DAY), notAfter: new Date(now + 90 * DAY), includeRoot });
    case 'expiring': return ca.issue({ dnsNames: [name], notBefore: new Date(now - 80 * DAY), notAfter: new Date(now + 5 * DAY), includeRoot });
    case 'untrusted': return rogue.issue({ dnsNames: [name], commonName: name });
    case 'self-signed': return ca.issue({ dnsNames: [name], commonName: name, selfSigned: true });
    case 'self-signed-expired': return ca.issue({ dnsNames: [name], commonName: name, selfSigned: true, notBefore: new Date(now - 90 * DAY), notAfter: new Date(now - 2 * DAY) });
    case 'cn-only': return ca.issue({ commonName: name, noSan: true, includeRoot });
    case 'weak-rsa': return ca.issue({ dnsNames: [name], key: 'rsa-1024', includeRoot });
    case 'sha1': return ca.issue({ dnsNames: [name], signatureHash: 'SHA-1', includeRoot });
    case 'incomplete': return intermediate.issue({ dnsNames: [name], omitIssuer: true, aiaUrl: is.aiaUrl });
    case 'expired-non-ca-issuer': return is.notCa.issue({ dnsNames: [name], notBefore: new Date(now - 90 * DAY), notAfter: new Date(now - 2 * DAY) });
  }
}

const txt = (name: string, items: (string | string[])[]): LabRecord[] => items.map((t) => ({ name, type: 'TXT', data: Array.isArray(t) ? t : [t] }));

/** The zone records a domain spec publishes; `smtp:<host>` in an address list means "the lab SMTP address of host". */
export function recordsFor(spec: DomainSpec, smtp: LabSmtp, https: LabHttps): LabRecord[] {
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
    else for (const a of spec.policyHostAddress ?? blackholeAddresses(spec.policyHostBlackhole) ?? [https.addressOf(`mta-sts.${d}`)]) out.push({ name: `mta-sts.${d}`, type: 'A', data: a });
  }
  out.push(...(spec.extra ?? []).map((r) => ({ ...r, data: r.type === 'A' ? addr(String(r.data)) : r.data }) as LabRecord));
  return out;
}

function blackholeAddresses(n: number | undefined): string[] | undefined {
  return n ? Array.from({ length: n }, (_, i) => `${LAB_BLACKHOLE_PREFIX}${i + 1}`) : undefined;
}

async function httpsBehaviour(spec: DomainSpec, is: Issuers, shared?: IssuedCert): Promise<HttpsHostBehaviour> {
  const d = domainToASCII(spec.name);
  const h = spec.https ?? {};
  const cert = shared ?? (await issueFor(h.cert ?? 'valid', `mta-sts.${d}`, is));
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
    raw: h.raw,
    tls: h.tlsMaxVersion ? { maxVersion: h.tlsMaxVersion } : undefined,
  };
}

interface Endpoint {
  host: MxHostSpec;
  spec: SmtpEndpointSpec;
  behaviour: SmtpHostBehaviour;
  issued?: IssuedCert;
}

async function endpointsOf(host: MxHostSpec, is: Issuers, fallback: IssuedCert, replyDelayMs?: number): Promise<Endpoint[]> {
  const specs: SmtpEndpointSpec[] = [host, ...(host.alsoAt ?? [])];
  return Promise.all(specs.map(async (spec) => {
    const issued = spec.noStarttls || spec.down ? undefined : await issueFor(spec.cert ?? 'valid', host.name, is, spec.includeRoot, host.extraNames);
    const pem = (c: IssuedCert | undefined) => (c ? { keyPem: c.keyPem, chainPem: c.chainPem } : undefined);
    const behaviour: SmtpHostBehaviour = {
      name: host.name, cert: pem(issued), noStarttls: spec.noStarttls,
      fallbackCert: spec.requireSni ? pem(spec.noSniCertFor ? await issueFor('valid', spec.noSniCertFor, is) : fallback) : undefined,
      greeting: spec.greeting, deferConnections: spec.deferConnections, maxSessions: spec.maxSessions, starttlsReply: spec.starttlsReply, bannerDelayMs: spec.bannerDelayMs, greetingTrickleMs: spec.greetingTrickleMs, closeAfterEhlo: spec.closeAfterEhlo,
      tlsMaxVersion: spec.tlsMaxVersion, requireSni: spec.requireSni, advertiseAfterTls: spec.advertiseAfterTls, requireTls: spec.requireTls,
      handshakeAbort: spec.handshakeAbort, down: spec.down, replyDelayMs,
      // The other names of this endpoint get its (multi-SAN) certificate by SNI too.
      sniNames: issued && host.extraNames ? Object.fromEntries(host.extraNames.map((n) => [n, pem(issued)!])) : undefined,
    };
    return { host, spec, behaviour, issued };
  }));
}

function tlsaData(recipe: TlsaRecipe, leaf: IssuedCert | undefined, caDer: Buffer, otherDer: Buffer): string {
  if (recipe.of === 'raw') return recipe.data ?? '';
  const der = recipe.of === 'leaf' ? leaf?.certDer : recipe.of === 'ca' ? caDer : otherDer;
  if (!der) throw new Error('a TLSA recipe of the leaf needs a host that serves a certificate');
  const selected = recipe.selector === 0 ? der : new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
  if (recipe.matchingType === 0) return selected.toString('hex');
  return createHash(recipe.matchingType === 2 ? 'sha512' : 'sha256').update(selected).digest('hex');
}

/** Multi-SAN certificates for the policy hosts that use the default one, `bucket` names each. */
async function sharedPolicyCerts(domains: DomainSpec[], is: Issuers, bucket: number): Promise<Map<DomainSpec, IssuedCert>> {
  const out = new Map<DomainSpec, IssuedCert>();
  if (bucket <= 1) return out;
  const plain = domains.filter((d) => (d.https?.cert ?? 'valid') === 'valid');
  for (let i = 0; i < plain.length; i += bucket) {
    const group = plain.slice(i, i + bucket);
    const cert = await is.ca.issue({ dnsNames: group.map((d) => `mta-sts.${domainToASCII(d.name)}`) });
    for (const d of group) out.set(d, cert);
  }
  return out;
}

export async function startLab(opts: LabOptions): Promise<Lab> {
  const [ca, rogue] = await Promise.all([createCa('MTA-STS Lab CA'), createCa('Rogue CA')]);
  const intermediate = await ca.intermediate('MTA-STS Lab Intermediate CA');
  const https = await startLabHttps({ hosts: {}, defaultCert: await ca.issue({ dnsNames: ['default.lab.test'] }), delayMs: opts.latency?.httpMs, address: LAB_HTTPS_ADDRESS, extraAddresses: opts.httpsAddresses });
  const notCa = await ca.intermediate('MTA-STS Lab Not A CA', { notCa: true });
  const is: Issuers = { ca, rogue, intermediate, notCa, aiaUrl: https.publish('/lab-intermediate.der', intermediate.certDer, 'application/pkix-cert') };
  const fallback = await ca.issue({ dnsNames: ['default-mx.lab.test'] });
  const other = await ca.issue({ dnsNames: ['other-key.lab.test'] });

  const endpoints = (await Promise.all(opts.mxHosts.map((m) => endpointsOf(m, is, fallback, opts.latency?.smtpMs)))).flat();
  const smtp = await startLabSmtp(endpoints.map((e) => e.behaviour));
  const domains = [...opts.domains];
  const shared = await sharedPolicyCerts(domains, is, opts.policyCertBucket ?? 1);
  await Promise.all(domains.map(async (d) => https.setHost(`mta-sts.${domainToASCII(d.name)}`, await httpsBehaviour(d, is, shared.get(d)))));

  const mxRecords: LabRecord[] = [];
  const mxFaults: DnsFault[] = [];
  const mxSigned: string[] = [];
  for (const m of opts.mxHosts) {
    for (const address of smtp.addressesOf(m.name)) {
      for (const name of [m.name, ...(m.extraNames ?? [])]) mxRecords.push({ name, type: 'A', data: address });
    }
    const leaf = endpoints.find((e) => e.host === m && e.issued)?.issued;
    for (const r of m.tlsa ?? []) {
      mxRecords.push({ name: `_25._tcp.${m.name}`, type: 'TLSA', data: { usage: r.usage, selector: r.selector, matchingType: r.matchingType, data: tlsaData(r, leaf, ca.certDer, other.certDer) } });
    }
    if (m.tlsaFault) mxFaults.push({ name: `_25._tcp.${m.name}`, type: 'TLSA', fault: m.tlsaFault });
    if (m.signed) mxSigned.push(m.name);
    if (m.tlsaOnlySigned) mxSigned.push(`_25._tcp.${m.name}`);
  }
  const providerRecords: LabRecord[] = [
    { name: 'sts-host.provider.test', type: 'A', data: LAB_HTTPS_ADDRESS },
    { name: 'reports.provider.test', type: 'MX', data: { preference: 10, exchange: 'mx1.provider.test' } },
    { name: 'signed-control.test', type: 'TXT', data: ['this zone is signed'] },
    // The root is "signed" too, so the engine's internet default control query (the root SOA) works here.
    { name: '.', type: 'SOA', data: null },
  ];
  const zoneRecords = () => [...providerRecords, ...mxRecords, ...(opts.records ?? []), ...domains.flatMap((d) => recordsFor(d, smtp, https))];
  const faults = () => [...mxFaults, ...domains.flatMap((d) => d.faults ?? [])];
  const signed = () => ['.', 'signed-control.test', ...(opts.signedZones ?? []), ...mxSigned, ...domains.filter((d) => d.signed).map((d) => domainToASCII(d.name))];
  const dns = await startLabDns({ records: zoneRecords(), faults: faults(), signedZones: signed(), delayMs: opts.latency?.dnsMs, rrl: opts.dnsRrl });
  // Started only when a domain needs it (a python3 helper): one black hole on the HTTPS port, as many addresses as the largest need.
  const holes = Math.max(0, ...domains.map((d) => d.policyHostBlackhole ?? 0));
  const blackhole: Blackhole | undefined = holes > 0 ? await startBlackhole(blackholeAddresses(holes)!, https.port) : undefined;
  const settings: AuditSettings = {
    ...DEFAULT_SETTINGS,
    resolvers: [`127.0.0.1:${dns.port}`],
    // Generous against a loaded 2-core CI machine; every deliberately slow lab host exceeds these by 2x or more.
    dnsTimeoutMs: 2500,
    dnsRetries: 1,
    extraCaPem: ca.certPem,
    httpsPort: https.port,
    smtpPort: smtp.port,
    // The lab lives on loopback; everything else stays refused, so the private-address findings still fire.
    privateAllowlist: ['127.0.0.0/8'],
    httpTimeoutMs: 6000,
    httpIdleTimeoutMs: 2500,
    httpSlowMs: 2000,
    smtpConnectTimeoutMs: 2500,
    smtpReplyTimeoutMs: 3000,
    ehloName: 'auditor.lab.test',
  };
  return {
    settings, dns, https, smtp, ca, domains, mxHosts: opts.mxHosts,
    async update(spec) {
      const i = domains.findIndex((d) => d.name === spec.name);
      if (i >= 0) domains[i] = spec;
      else domains.push(spec);
      await https.setHost(`mta-sts.${domainToASCII(spec.name)}`, await httpsBehaviour(spec, is));
      dns.setRecords(zoneRecords());
      dns.setFaults(faults());
      dns.setSignedZones(signed());
    },
    async reissueMxCertificate(host, dnsNames) {
      const cert = await ca.issue({ dnsNames, commonName: dnsNames[0] });
      smtp.setCertificate(host, { keyPem: cert.keyPem, chainPem: cert.chainPem });
    },
    setMxTlsa(owner, records) {
      const kept = mxRecords.filter((r) => !(r.type === 'TLSA' && r.name.toLowerCase() === owner.toLowerCase()));
      mxRecords.splice(0, mxRecords.length, ...kept, ...records.map((data): LabRecord => ({ name: owner, type: 'TLSA', data })));
      dns.setRecords(zoneRecords());
    },
    async close() {
      await Promise.all([dns.close(), https.close(), smtp.close(), blackhole?.close()]);
    },
  };
}
