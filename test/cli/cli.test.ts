/**
 * The command line as a user runs it: the `mta-sts-audit` bin in a child process, against the loopback lab.
 * `lint --jsonl` answers the CHECKS §5 edge cases one line each; `check --json` gives posture, findings and
 * evidence per domain; bad arguments exit 2 with the usage; an input that is no domain still gets a result.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../electron/lab/estate';
import { runBin as run } from './run-bin';

let lab: Lab;
let tmp: string;
let network: string[];

beforeAll(async () => {
  lab = await startLab({ domains: ENGINE_DOMAINS, mxHosts: BASE_MX_HOSTS });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-cli-'));
  const ca = path.join(tmp, 'lab-ca.pem');
  fs.writeFileSync(ca, lab.settings.extraCaPem!);
  const s = lab.settings;
  network = ['--resolver', s.resolvers[0]!, '--ca', ca, '--https-port', String(s.httpsPort), '--smtp-port', String(s.smtpPort), '--allow-private', '--timeout', '3000'];
}, 60_000);

afterAll(async () => {
  await lab?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('mta-sts-audit lint --jsonl', () => {
  it('answers each request in order with the strict verdict', async () => {
    const requests = [
      { kind: 'policy', input: 'version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 86400\n' },
      { kind: 'policy', input: 'version: STSv1\r\nmode: testing\nmx: mail.example.com\r\nmax_age: 0' },
      { kind: 'policy', input: 'version: STSv1\n\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n' },
      { kind: 'policy', input: 'version: STSv1\nMode: enforce\nmx: mail.example.com\nmax_age: 604800\n' },
      { kind: 'policy', input: 'version: STSv1\nmode: none\nmax_age: 31557601\n' },
      { kind: 'sts_txt', records: ['v=STSv1; id=20240501T120000Z;'] },
      { kind: 'sts_txt', records: ['v=STSv1; id=2024-05-01'] },
      { kind: 'sts_txt', records: ['v=STSv1; id=a1', 'v=STSv1; id=b2'] },
      { kind: 'sts_txt', records: ['google-site-verification=x', 'v=STSv1; id=a1'] },
      { kind: 'tlsrpt_txt', records: ['v=TLSRPTv1; rua=mailto:tls@example.com!10m'] },
      { kind: 'tlsrpt_txt', records: ['v=TLSRPTv1; rua=mailto:a@example.com; rua=https://r.example.net/v1'] },
      { kind: 'mx_match', pattern: '*.example.com', host: 'mx.example.com' },
      { kind: 'mx_match', pattern: '*.example.com', host: 'a.b.example.com' },
      { kind: 'mx_match', pattern: '*.example.com', host: 'example.com' },
      { kind: 'mx_match', pattern: 'MX.Example.COM', host: 'mx.example.com.' },
    ];
    const { code, stdout } = await run(['lint', '--jsonl'], `${requests.map((r) => JSON.stringify(r)).join('\n')}\n`);
    expect(code).toBe(0);
    const answers = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(answers).toHaveLength(requests.length);
    const codes = (i: number) => answers[i].findings.map((f: { code: string }) => f.code);
    expect(answers[0]).toMatchObject({ valid: true, mode: 'enforce', max_age: 86400, mx: ['*.example.com'] });
    expect(codes(0)).toContain('MTASTS_POLICY_MAX_AGE_SHORT');
    expect(answers[1]).toMatchObject({ valid: true, mode: 'testing', max_age: 0 });
    expect(codes(1)).toEqual(expect.arrayContaining(['MTASTS_POLICY_MIXED_LINE_ENDINGS', 'MTASTS_POLICY_MAX_AGE_SHORT']));
    expect(answers[2].valid).toBe(false);
    expect(answers[2].findings).toContainEqual(expect.objectContaining({ code: 'MTASTS_POLICY_BLANK_LINE', severity: 'high', line: 2 }));
    expect(answers[3].valid).toBe(false);
    expect(codes(3)).toEqual(expect.arrayContaining(['MTASTS_POLICY_KEY_CASE', 'MTASTS_POLICY_MODE_INVALID']));
    expect(answers[4]).toMatchObject({ valid: false, mode: 'none' });
    expect(codes(4)).toContain('MTASTS_POLICY_MAX_AGE_TOO_LARGE');
    expect(answers[5]).toMatchObject({ valid: true, id: '20240501T120000Z' });
    expect(answers[6]).toMatchObject({ valid: false, id: null });
    expect(codes(6)).toContain('MTASTS_DNS_ID_INVALID');
    expect(answers[7].valid).toBe(false);
    expect(codes(7)).toContain('MTASTS_DNS_MULTIPLE_RECORDS');
    expect(answers[8]).toMatchObject({ valid: true, id: 'a1' });
    expect(codes(8)).toContain('MTASTS_DNS_UNRELATED_TXT');
    expect(answers[9].valid).toBe(false);
    expect(codes(9)).toContain('TLSRPT_RUA_URI_INVALID');
    expect(answers[10]).toMatchObject({ valid: true, rua: ['mailto:a@example.com', 'https://r.example.net/v1'] });
    expect(codes(10)).toContain('TLSRPT_MULTIPLE_RUA_FIELDS');
    expect(answers.slice(11).map((a) => a.match)).toEqual([true, false, false, true]);
  });

  it('answers a malformed line with an error and keeps going', async () => {
    const { code, stdout } = await run(['lint', '--jsonl'], 'not json\n{"kind":"mx_match","pattern":"mx.example.com","host":"mx.example.com"}\n{"kind":"nope"}\n');
    const answers = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(answers[0].error).toMatch(/JSON/);
    expect(answers[1]).toEqual({ match: true });
    expect(answers[2].error).toMatch(/unknown kind/);
    expect(code).toBe(1);
  });
});

describe('mta-sts-audit check', () => {
  it('prints one JSON object per domain with posture, findings and evidence', async () => {
    const { code, stdout } = await run(['check', 'enforce.test', 'mx-none-deliverable.test', 'not a domain!', '--json', ...network]);
    expect(code).toBe(0);
    const results = stdout.trim().split('\n').map((l) => JSON.parse(l));
    const byInput = new Map(results.map((r) => [r.input, r]));
    const ok = byInput.get('enforce.test');
    expect(ok).toMatchObject({ domain: 'enforce.test', outcome: { outcome: 'protected' }, posture: 'enforce' });
    expect(Object.keys(ok).slice(0, 4)).toEqual(['domain', 'input', 'outcome', 'actions']);
    expect(ok.actions).toEqual([]);
    expect(ok.findings).toContainEqual({ code: 'MTASTS_MODE_ENFORCE', severity: 'info', message: expect.any(String) });
    expect(ok.evidence.policyFetch.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ok.mx.map((m: { host: string; deliverable: boolean }) => [m.host, m.deliverable])).toEqual([['mx1.provider.test', true], ['mx2.provider.test', true]]);
    const bad = byInput.get('mx-none-deliverable.test');
    expect(bad.outcome).toEqual({ outcome: 'at-risk', decidedBy: ['MTASTS_MX_NONE_DELIVERABLE'] });
    expect(bad.findings.map((f: { code: string }) => f.code)).toContain('MTASTS_MX_NONE_DELIVERABLE');
    expect(byInput.get('not a domain!')).toMatchObject({ posture: 'error', findings: [expect.objectContaining({ code: 'AUDIT_DOMAIN_INVALID' })] });
  }, 60_000);

  it('prints a human verdict with per-MX lines', async () => {
    const { code, stdout } = await run(['check', 'starttls-not-offered.test', ...network]);
    expect(code).toBe(0);
    // The outcome leads, in words; the posture follows for engineers.
    expect(stdout).toMatch(/^starttls-not-offered\.test {2}Protection broken: A mail server does not offer encryption \(STARTTLS\); A mail server fails the encryption checks of the enforced policy\n {2}what to do:\n(.*\n)* {2}posture: enforce/);
    expect(stdout).toMatch(/MX 20 nostarttls\.mx\.test \(127\.0\.\d+\.\d+\) {2}\[covered by nostarttls\.mx\.test, probe: no-starttls, UNDELIVERABLE\]/);
    expect(stdout).toMatch(/\[HIGH\] A mail server does not offer encryption \(STARTTLS\) {2}STARTTLS_NOT_OFFERED/);
  }, 60_000);

  it('leads with what to do: the exact records and policy file, and the readiness for enforce', async () => {
    const { code, stdout } = await run(['check', 'absent.test', ...network]);
    expect(code).toBe(0);
    const [first, second] = stdout.split('\n');
    expect(first).toBe('absent.test  Unprotected: No MTA-STS policy published');
    expect(second).toBe('  what to do:');
    expect(stdout).toMatch(/serve policy file at https:\/\/mta-sts\.absent\.test\/\.well-known\/mta-sts\.txt:\n {9}version: STSv1\n {9}mode: testing\n {9}mx: mx1\.provider\.test\n {9}mx: mx2\.provider\.test\n {9}max_age: \d+\n/);
    expect(stdout).toMatch(/publish TXT record _mta-sts\.absent\.test:\n {9}v=STSv1; id=\d{8}T\d{6}\n/);
    expect(stdout).toMatch(/ready for enforce: no\n {4}- /);
    expect(stdout).not.toMatch(/<[a-z]+>|`|§/);
    const json = JSON.parse((await run(['check', 'absent.test', '--json', ...network])).stdout);
    expect(json.actions.map((a: { kind: string }) => a.kind)).toEqual(['policy-file', 'sts-record', 'tlsrpt-record']);
    expect(json.readiness).toMatchObject({ ready: false });
  }, 60_000);

  it('refuses bad arguments with the usage and exit code 2', async () => {
    for (const args of [['check'], ['check', 'a.test', '--https-port', '99999'], ['check', 'a.test', '--frobnicate'], ['lint'], ['nonsense']]) {
      const { code, stderr } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/usage: mta-sts-audit/);
    }
  }, 60_000);
});
