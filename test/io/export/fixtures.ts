/**
 * Realistic DomainResults for the export tests: each posture, findings with real catalogue codes and
 * messages, MX hosts with STARTTLS probes and certificate chains, policy fetches with the body and its hash,
 * DNS answers with TTLs and TLSA evidence. Deterministic, so hashes and counts can be asserted.
 */
import { createHash } from 'node:crypto';
import type { FindingCode, Posture } from '../../../shared/findings';
import { DEFAULT_SETTINGS, type CertificateSummary, type DnsAnswer, type DnsRecord, type DomainResult, type Finding, type MxHostResult, type SmtpProbe } from '../../../shared/types';
import { finding } from '../../../electron/engine/finding';
import type { ReportItem, ReportRun } from '../../../electron/io/report/source';

const T0 = '2026-03-02T09:00:00.000Z';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export function makeRun(overrides: Partial<ReportRun> = {}): ReportRun {
  return {
    id: 42, name: 'Q1 estate review', client: 'Example Holdings plc', source: 'estate.csv', createdAt: T0,
    finishedAt: '2026-03-02T09:20:00.000Z', state: 'completed', settings: { ...DEFAULT_SETTINGS, resolvers: ['192.0.2.53'] },
    toolVersion: '0.1.0', resolver: '192.0.2.53', total: 0, ...overrides,
  };
}

export function certificate(name: string, overrides: Partial<CertificateSummary> = {}): CertificateSummary {
  return {
    subject: `CN=${name}`, commonName: name, dnsNames: [name], ipAddresses: [], issuer: 'C=US, O=Let\'s Encrypt, CN=R11',
    serialNumber: sha(name).slice(0, 32), notBefore: '2026-01-15T00:00:00.000Z', notAfter: '2026-04-15T23:59:59.000Z', daysLeft: 44,
    fingerprintSha256: sha(`fp:${name}`), spkiSha256: sha(`spki:${name}`), keyType: 'RSA', keyBits: 2048,
    signatureAlgorithm: 'sha256WithRSAEncryption', selfSigned: false, isCA: false,
    derBase64: Buffer.from(sha(`der:${name}`).repeat(24), 'hex').toString('base64'), ...overrides,
  };
}

export function probe(host: string, address: string, overrides: Partial<SmtpProbe> = {}): SmtpProbe {
  return {
    host, address, port: 25, outcome: 'ok', banner: `220 ${host} ESMTP ready`, ehlo: [`250-${host}`, '250-PIPELINING', '250 STARTTLS'],
    starttlsReply: '220 2.0.0 Ready to start TLS',
    tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', chain: [certificate(host), certificate('R11', { isCA: true })], chainTrusted: true, nameValid: true, referenceName: host },
    withoutSni: { ok: true, nameValid: true }, elapsedMs: 412, startedAt: '2026-03-02T09:01:00.000Z', ...overrides,
  };
}

function answer(name: string, type: DnsAnswer['type'], records: DnsRecord[], overrides: Partial<DnsAnswer> = {}): DnsAnswer {
  return {
    name, type, outcome: records.length > 0 ? 'ok' : 'nodata', rcode: 'NOERROR', authenticated: false, records, cnames: [],
    server: '192.0.2.53:53', elapsedMs: 12, attempts: 1, ...overrides,
  };
}

function mxHost(host: string, preference: number, opts: { covered?: boolean; ok?: boolean; tlsa?: boolean } = {}): MxHostResult {
  const ok = opts.ok ?? true;
  const probes = ['198.51.100.10', '2001:db8::10'].map((a) => probe(host, a, ok ? {} : { outcome: 'no-starttls', tls: undefined, phase: 'ehlo', error: 'STARTTLS not offered' }));
  const tlsa = opts.tlsa
    ? { owner: `_25._tcp.${host}`, base: host, outcome: 'ok' as const, authenticated: true, records: [{ usage: 3, selector: 1, matchingType: 1, data: sha(`spki:${host}`), usable: true, matched: true }] }
    : undefined;
  return {
    host, preference, addresses: ['198.51.100.10', '2001:db8::10'], covered: opts.covered, coveringPattern: opts.covered ? `*.${host.split('.').slice(1).join('.')}` : undefined,
    starttlsOk: ok, mtaStsPass: opts.covered && ok, danePass: opts.tlsa ? true : undefined, deliverable: opts.covered === undefined ? undefined : opts.covered && ok, probes, tlsa,
  };
}

export interface ResultOptions {
  posture?: Posture;
  policyText?: string;
  findings?: Finding[];
  mxHosts?: string[];
  smtpNotTested?: string;
}

const DEFAULT_CODES: Partial<Record<Posture, [FindingCode, string][]>> = {
  enforce: [['MTASTS_MODE_ENFORCE', 'mode enforce'], ['MTASTS_MX_ALL_COVERED', 'every MX matches *.mail.example.net'], ['TLSRPT_VALID', 'v=TLSRPTv1; rua=mailto:tls@example.net']],
  testing: [['MTASTS_MODE_TESTING', 'mode testing'], ['TLSRPT_MISSING_WITH_POLICY', '_smtp._tls has no TXT record']],
  absent: [['MTASTS_DNS_RECORD_MISSING', '_mta-sts TXT query: NXDOMAIN'], ['TLSRPT_RECORD_MISSING', 'NXDOMAIN']],
  invalid: [['MTASTS_POLICY_KEY_CASE', 'line 2: "Mode: enforce"'], ['MTASTS_MX_NONE_COVERED', 'no MX matches mx.other.example'], ['STARTTLS_CERT_EXPIRED', 'mx1 certificate expired 2026-01-01']],
  'no-mail': [['MX_NULL', 'MX 0 .']],
  error: [['MX_LOOKUP_FAILED', 'MX query: SERVFAIL']],
  none: [['MTASTS_MODE_NONE', 'mode none']],
};

function policyFor(posture: Posture): string | undefined {
  if (posture === 'enforce' || posture === 'testing' || posture === 'none') return `version: STSv1\nmode: ${posture}\nmx: *.mail.example.net\nmax_age: 1209600\n`;
  if (posture === 'invalid') return `version: STSv1\nMode: enforce\nmx: mx.other.example\nmax_age: 86400\n`;
  return undefined;
}

export function makeResult(domain: string, opts: ResultOptions = {}): DomainResult {
  const posture = opts.posture ?? 'enforce';
  const text = opts.policyText ?? policyFor(posture);
  const hasPolicy = text !== undefined;
  const valid = posture === 'enforce' || posture === 'testing' || posture === 'none';
  const noMx = posture === 'no-mail' || posture === 'error';
  const hosts = noMx ? [] : (opts.mxHosts ?? ['mx1.mail.example.net', 'mx2.mail.example.net']);
  const mx = hosts.map((h, i) => mxHost(h, 10 * (i + 1), { covered: hasPolicy && valid ? true : undefined, ok: posture !== 'invalid' || i > 0, tlsa: i === 0 && posture === 'enforce' }));
  const findings = opts.findings ?? (DEFAULT_CODES[posture] ?? []).map(([c, m]) => finding(c, m));
  const stsText = `v=STSv1; id=20260101T000000Z;`;
  const body = text === undefined ? undefined : Buffer.from(text, 'utf8');
  return {
    input: domain.toUpperCase(), domain, posture,
    stsRecord: hasPolicy ? { text: stsText, id: '20260101T000000Z', valid: true } : undefined,
    policy: hasPolicy ? { mode: valid ? (posture as 'enforce' | 'testing' | 'none') : undefined, maxAge: valid ? 1209600 : undefined, mx: ['*.mail.example.net'], valid, text, sha256: sha(text) } : undefined,
    tlsrpt: posture === 'enforce' ? { valid: true, rua: ['mailto:tls@example.net'] } : undefined,
    mxKind: posture === 'no-mail' ? 'null' : posture === 'error' ? 'error' : 'explicit',
    mx, smtpNotTested: opts.smtpNotTested, findings,
    evidence: {
      dns: [
        answer(domain, 'MX', hosts.map((h, i) => ({ name: domain, ttl: 3600, type: 'MX', preference: 10 * (i + 1), exchange: h })), posture === 'error' ? { outcome: 'servfail', rcode: 'SERVFAIL' } : {}),
        answer(`_mta-sts.${domain}`, 'TXT', hasPolicy ? [{ name: `_mta-sts.${domain}`, ttl: 300, type: 'TXT', strings: ['v=STSv1; ', 'id=20260101T000000Z;'] }] : [], hasPolicy ? {} : { outcome: 'nxdomain', rcode: 'NXDOMAIN' }),
        answer(`mta-sts.${domain}`, 'A', hasPolicy ? [{ name: `mta-sts.${domain}`, ttl: 600, type: 'A', address: '203.0.113.7' }] : []),
      ],
      policyFetch: body === undefined ? undefined : {
        url: `https://mta-sts.${domain}/.well-known/mta-sts.txt`, host: `mta-sts.${domain}`, port: 443, addresses: ['203.0.113.7'], addressUsed: '203.0.113.7',
        outcome: 'ok', status: 200, headers: { 'content-type': 'text/plain' }, bodyBase64: body.toString('base64'), bodyBytes: body.length, bodySha256: sha(text!),
        truncated: false, tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', chain: [certificate(`mta-sts.${domain}`)], chainTrusted: true, nameValid: true, referenceName: `mta-sts.${domain}` },
        timings: { connectMs: 20, headersMs: 45, totalMs: 51 },
      },
    },
    startedAt: T0, durationMs: 1234.5, toolVersion: '0.1.0',
  };
}

const CYCLE: Posture[] = ['enforce', 'enforce', 'testing', 'absent', 'invalid', 'absent', 'no-mail', 'error', 'none', 'enforce'];

/** `n` domains cycling through every posture, tagged by business unit and owner. */
export function estate(n: number, prefix = 'd'): ReportItem[] {
  return Array.from({ length: n }, (_, i) => {
    const domain = `${prefix}${String(i).padStart(5, '0')}.example.com`;
    const result = makeResult(domain, { posture: CYCLE[i % CYCLE.length] });
    return { result, tags: { 'Business unit': ['Retail', 'Wholesale', 'Group'][i % 3]!, ...(i % 2 === 0 ? { Owner: `team-${i % 7}` } : {}) } };
  });
}

/** Text designed to break naive exporters: markup, formula prefixes, control characters, long lines, other scripts. */
export const HOSTILE = {
  formula: '=HYPERLINK("http://x","y")',
  plus: '+1',
  minus: '-2',
  at: '@SUM(A1)',
  tab: '\t=1+1',
  cr: '\r=1+1',
  script: '<script>alert(1)</script>',
  control: 'a\u0000b\u0007c\u001Bd\u007Fe\u0085f',
  longLine: 'x'.repeat(10_000),
  scripts: 'مرحبا שלום 你好 Привет ünïcødé 🙂 \u202Eevil',
};

export function hostileResult(domain: string): DomainResult {
  const policyText = `version: STSv1\nmode: enforce\n${HOSTILE.script}\n${HOSTILE.control}\n${HOSTILE.longLine}\n${HOSTILE.scripts}\nmx: ${HOSTILE.formula}\r\nmax_age: 86400\n`;
  const findings = [
    finding('MTASTS_POLICY_CONTROL_CHARS', `line 4: ${HOSTILE.control}`, { line: 4 }),
    finding('MTASTS_POLICY_SYNTAX_INVALID', HOSTILE.formula, { line: 3 }),
    finding('MTASTS_POLICY_UNKNOWN_FIELD', HOSTILE.plus),
    finding('MTASTS_POLICY_EXTENSION_INVALID', HOSTILE.minus),
    finding('MTASTS_POLICY_MX_INVALID', HOSTILE.at),
    finding('MTASTS_POLICY_WHITESPACE_MISPLACED', HOSTILE.tab),
    finding('MTASTS_POLICY_BLANK_LINE', HOSTILE.cr),
    finding('MTASTS_POLICY_NOT_A_POLICY', `${HOSTILE.script} ${HOSTILE.longLine}`),
    finding('MTASTS_DNS_NON_ASCII', HOSTILE.scripts),
  ];
  return makeResult(domain, { posture: 'invalid', policyText, findings });
}
