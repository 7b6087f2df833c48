/**
 * The evidence bundle as a third party checks it, through the real path: the lab estate is imported from a CSV
 * file and audited over real sockets into a SQLite file, the CLI exports the bundle (signed with a key created in
 * its data folder), and the CLI's `verify` checks it with a new, empty data folder. Then the bundle is tampered
 * with (one byte of each file; a verdict edited and re-signed with another key; another schema version) and
 * hostile ZIPs are handed to it: each is named or refused.
 */
import { execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, sign, createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../../electron/store/db';
import { iterateResults } from '../../../electron/store/results';
import { executeRun, startNewRun } from '../../../electron/run-service';
import { readInputFile } from '../../../electron/io/read-input';
import { keyFingerprint, type SigningKey } from '../../../electron/io/bundle/signing-key';
import { BUNDLE_FILES } from '../../../electron/io/bundle/names';
import { openBundle } from '../../../electron/io/bundle/read-zip';
import { BundleError, verifyBundle, type RecordedDomain } from '../../../electron/io/bundle/verify';
import type { DomainResult } from '../../../shared/types';
import { startLab, type Lab } from '../../../electron/lab/lab';
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from '../../../electron/lab/estate';
import { runBin } from '../../cli/run-bin';
import { rawZip, type RawEntry } from './raw-zip';

const PICK = ['enforce.test', 'testing.test', 'absent.test', 'cert-expired.test', 'starttls-not-offered.test', 'null-mx.test'];
const CSV = `Domain,Owner\r\n${PICK.map((d, i) => `${d},team-${i}`).join('\r\n')}\r\nnot a domain!!,nobody\r\n`;

let lab: Lab;
let tmp: string;
let dbFile: string;
let db: Database.Database;
let runId: number;
let bundle: string;
/** Every entry of the exported bundle, in order. */
let files: Map<string, Buffer>;

const out = (n: string) => path.join(tmp, n);
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  lab = await startLab({ domains: ENGINE_DOMAINS, mxHosts: BASE_MX_HOSTS });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-bundle-verify-'));
  fs.writeFileSync(out('estate list.csv'), CSV);
  dbFile = out('audits.sqlite');
  db = openDatabase(dbFile);
  const { imported, inputFile } = await readInputFile(out('estate list.csv'));
  const run = startNewRun(db, { name: 'Lab Q4', client: 'Example Holdings', source: 'estate list.csv', settings: lab.settings, domains: imported.rows, inputFile });
  runId = run.id;
  await executeRun(db, runId, { concurrency: 6 });
  bundle = out('audit.zip');
  const { code, stderr } = await runBin(['export', String(runId), '--db', dbFile, '--bundle', bundle, '--auditor', 'A. Auditor'], '', { XDG_CONFIG_HOME: out('auditor-config') });
  expect(code, stderr).toBe(0);
  files = await entriesOf(bundle);
}, 180_000);

afterAll(async () => {
  db?.close();
  await lab?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function entriesOf(zip: string): Promise<Map<string, Buffer>> {
  const b = await openBundle(zip);
  const m = new Map<string, Buffer>();
  for (const name of b.entries.keys()) m.set(name, await b.read(name, Infinity));
  return m;
}

function zipOf(entries: Map<string, Buffer>, name: string): string {
  const file = out(name);
  fs.writeFileSync(file, rawZip([...entries].map(([n, data]) => ({ name: n, data, deflate: true }))));
  return file;
}

function newKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: keyFingerprint(publicKey) };
}

/** What someone re-signing an edited bundle does: new hashes in the manifest, their key, their signing.json. */
function resign(entries: Map<string, Buffer>, key: SigningKey): Map<string, Buffer> {
  const next = new Map(entries);
  const signing = JSON.parse(next.get(BUNDLE_FILES.signing)!.toString('utf8'));
  next.set(BUNDLE_FILES.signing, Buffer.from(JSON.stringify({ ...signing, fingerprint: key.fingerprint }, null, 2)));
  next.set(BUNDLE_FILES.publicKey, Buffer.from(key.publicPem));
  const names = next.get(BUNDLE_FILES.manifest)!.toString('utf8').trimEnd().split('\n').map((l) => l.slice(66));
  const manifest = Buffer.from(`${names.map((n) => `${sha256(next.get(n)!)}  ${n}`).join('\n')}\n`);
  next.set(BUNDLE_FILES.manifest, manifest);
  next.set(BUNDLE_FILES.signature, sign(null, manifest, key.privateKey));
  return next;
}

describe('a bundle from a real lab audit', () => {
  it('holds the input file exactly as imported, the import report, and a key made in the data folder (0600)', () => {
    expect(files.get('input/estate_list.csv')!.equals(Buffer.from(CSV))).toBe(true);
    const report = JSON.parse(files.get(BUNDLE_FILES.importReport)!.toString('utf8'));
    expect(report.input).toEqual({ fileName: 'estate list.csv', size: CSV.length, sha256: sha256(CSV), bundledAs: 'input/estate_list.csv' });
    expect(report.report).toMatchObject({ format: 'csv', domainColumn: 'Domain', rowsUsed: PICK.length });
    expect(report.report.rejects).toEqual([expect.objectContaining({ value: 'not a domain!!' })]);
    const keyFile = path.join(out('auditor-config'), 'MTA-STS Auditor', 'signing-key.pem');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const evidence = files.get(BUNDLE_FILES.evidence)!.toString('utf8');
    expect(evidence.startsWith('{"format":"mta-sts-auditor/evidence","schemaVersion":2,')).toBe(true);
    expect(files.get(BUNDLE_FILES.readme)!.toString('utf8')).toContain('input/estate_list.csv');
    // The lab's CA was the run's extra trust anchor: bundled as given, and counted in the trust-store fingerprint.
    expect(files.get(BUNDLE_FILES.extraCa)!.toString('utf8')).toBe(lab.settings.extraCaPem);
    const tool = JSON.parse(files.get(BUNDLE_FILES.tool)!.toString('utf8'));
    expect(tool.trustStore.extraCa).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(files.get(BUNDLE_FILES.settings)!.toString('utf8'))).toEqual(JSON.parse(evidence.split('\n')[0]!.concat(']}')).run.settings);
  });

  it('verifies with the CLI on a fresh machine (a new, empty data folder), and writes nothing there', async () => {
    const fresh = out('fresh-config');
    const text = await runBin(['verify', bundle], '', { XDG_CONFIG_HOME: fresh });
    expect(text.code, text.stdout + text.stderr).toBe(0);
    expect(text.stdout).toContain('result: VERIFIED');
    expect(text.stdout).toMatch(/signature: valid \(key [0-9A-F ]{79}, signed \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)/);
    expect(text.stdout).toContain(`evidence: schema version 2, ${PICK.length} domain(s)`);
    const json = await runBin(['verify', bundle, '--json'], '', { XDG_CONFIG_HOME: fresh });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ ok: true, signature: 'valid', problems: [] });
    expect(report.files.every((f: { status: string }) => f.status === 'ok')).toBe(true);
    expect(report.files.map((f: { name: string }) => f.name)).toContain('input/estate_list.csv');
    expect(fs.existsSync(fresh)).toBe(false);
  }, 60_000);

  it('signs with a key the user supplies (--signing-key), refuses a key that is not Ed25519, and checks --signer', async () => {
    const mine = newKey();
    fs.writeFileSync(out('my-key.pem'), mine.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    fs.writeFileSync(out('rsa-key.pem'), rsa.export({ type: 'pkcs8', format: 'pem' }));
    const refused = await runBin(['export', String(runId), '--db', dbFile, '--bundle', out('rsa.zip'), '--signing-key', out('rsa-key.pem')], '', { XDG_CONFIG_HOME: out('unused-config') });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/holds a rsa key; bundles are signed with Ed25519/);
    expect(fs.existsSync(out('rsa.zip'))).toBe(false);
    const signed = await runBin(['export', String(runId), '--db', dbFile, '--bundle', out('mine.zip'), '--summary-only', '--signing-key', out('my-key.pem')], '', { XDG_CONFIG_HOME: out('unused-config') });
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout).toContain(`signed by key ${mine.fingerprint}`);
    expect(fs.existsSync(out('unused-config'))).toBe(false);
    const ok = await verifyBundle(out('mine.zip'), { expectedSigner: mine.fingerprint.replace(/ /g, '').toLowerCase() });
    expect(ok).toMatchObject({ ok: true, signature: 'valid', signer: { fingerprint: mine.fingerprint } });
    const other = await verifyBundle(out('mine.zip'), { expectedSigner: newKey().fingerprint });
    expect(other.ok).toBe(false);
    expect(other.problems[0]).toMatch(/^signer changed: expected key/);
  }, 120_000);

  it('names the file when one byte of any file is flipped', async () => {
    for (const [name, data] of files) {
      const flipped = Buffer.from(data);
      flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
      const report = await verifyBundle(zipOf(new Map(files).set(name, flipped), 'flipped.zip'));
      expect(report.ok, name).toBe(false);
      if (name === BUNDLE_FILES.manifest || name === BUNDLE_FILES.signature) {
        expect(report.signature, name).toBe('invalid');
      } else {
        expect(report.files.find((f) => f.name === name)?.status, name).toBe('modified');
        expect(report.problems, name).toContain(`${name} was modified: its SHA-256 is not the one in the manifest`);
      }
    }
  }, 120_000);

  it('names files missing from the bundle and files the manifest does not list', async () => {
    const edited = new Map(files);
    edited.delete(BUNDLE_FILES.tool);
    edited.set('notes.txt', Buffer.from('added later'));
    const text = await runBin(['verify', zipOf(edited, 'missing-extra.zip')]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/MISSING +tool\.json/);
    expect(text.stdout).toMatch(/EXTRA +notes\.txt/);
    expect(text.stdout).toContain('result: NOT VERIFIED');
  }, 60_000);

  it('names the signer change when a verdict is edited and the bundle re-signed with another key', async () => {
    const original = JSON.parse(files.get(BUNDLE_FILES.signing)!.toString('utf8')).fingerprint as string;
    const lines = files.get(BUNDLE_FILES.evidence)!.toString('utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"domain":"absent.test"'));
    const entry = JSON.parse(lines[at]!.replace(/,$/, ''));
    expect(entry.result.posture).not.toBe('enforce');
    entry.result.posture = 'enforce';
    entry.result.findings = [];
    lines[at] = `${JSON.stringify(entry)}${lines[at]!.endsWith(',') ? ',' : ''}`;
    const other = newKey();
    const forged = zipOf(resign(new Map(files).set(BUNDLE_FILES.evidence, Buffer.from(lines.join('\n'))), other), 'forged.zip');

    // verify judges every domain again from its recorded evidence (engine/judge/): the edited verdict no longer
    // follows from the evidence, and the domain is named.
    const stored = new Map([...iterateResults(db, runId)].map(({ result }) => [result.domain, result]));
    const report = await verifyBundle(forged, { expectedSigner: original });
    expect(report.signature).toBe('valid');
    expect(report.signer?.fingerprint).toBe(other.fingerprint);
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(`signer changed: the PDF's cover names key ${original}, but the manifest is signed by key ${other.fingerprint}`);
    expect(report.problems).toContain(`signer changed: expected key ${original}, but the manifest is signed by key ${other.fingerprint}`);
    expect(report.problems.some((p) => p.startsWith('evidence.json is not the evidence the PDF was made from'))).toBe(true);
    const truth = stored.get('absent.test')!;
    expect(report.rejudged?.domains).toBe(PICK.length);
    const differences = report.rejudged?.differences ?? [];
    expect(new Set(differences.map((d) => d.domain))).toEqual(new Set(['absent.test']));
    expect(differences).toContainEqual({ domain: 'absent.test', field: 'posture', recorded: 'enforce', recomputed: truth.posture });
    expect(differences.find((d) => d.field === 'codes')?.added).toEqual([...new Set(truth.findings.map((f) => f.code))].sort());
    expect(report.problems).toContain('1 domain(s) judged differently from their recorded evidence: absent.test');

    const cli = await runBin(['verify', forged, '--signer', original]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('signer changed');
    expect(cli.stdout).toContain(other.fingerprint);
    expect(cli.stdout).toContain(`absent.test: posture recorded enforce, judged again ${truth.posture}`);
  }, 60_000);

  it('reads an older schema version and refuses an unknown one with a clear message', async () => {
    const key = newKey();
    const withHead = (head: string) => {
      const text = files.get(BUNDLE_FILES.evidence)!.toString('utf8');
      return resign(new Map(files).set(BUNDLE_FILES.evidence, Buffer.from(text.replace('"schemaVersion":2', head))), key);
    };
    const v1 = await verifyBundle(zipOf(withHead('"version":1'), 'v1.zip'));
    expect(v1.evidence).toEqual({ schemaVersion: 1, domains: PICK.length });
    expect(v1.problems.some((p) => p.includes('schema version'))).toBe(false);
    const v99 = await verifyBundle(zipOf(withHead('"schemaVersion":99'), 'v99.zip'));
    expect(v99.ok).toBe(false);
    expect(v99.problems).toContain('evidence.json has schema version 99; this release reads versions 1 and 2 (verify it with a newer release)');
  }, 60_000);
});

describe('hostile or damaged ZIPs', () => {
  const plain = (name: string, data = 'x'): RawEntry => ({ name, data: Buffer.from(data) });
  const UNIX = 0x0314;
  const cases: [string, RawEntry[], RegExp][] = [
    ['a path out of its folder', [plain('../evil.txt')], /"\.\.\/evil\.txt" has a "\.\." step/],
    ['a path out of a subfolder', [plain('schema/../../evil.txt')], /has a "\.\." step/],
    ['an absolute path', [plain('/etc/cron.d/evil')], /has an absolute path/],
    ['a backslash path', [plain('..\\..\\evil.txt')], /has a backslash/],
    ['a drive letter', [plain('C:evil.txt')], /has a drive letter/],
    ['a symbolic link', [{ ...plain('evidence.json', '/etc/passwd'), madeBy: UNIX, externalAttributes: (0o120777 << 16) >>> 0 }], /"evidence\.json" is a symbolic link/],
    ['a duplicate name', [plain('evidence.json'), plain('evidence.json')], /"evidence\.json" appears twice/],
    ['names that differ only in case', [plain('README.txt'), plain('readme.txt')], /"readme\.txt" appears twice/],
    ['an entry declaring a huge size', [{ ...plain('evidence.json'), deflate: true, declaredSize: 0xfffffff0 }], /unpacks to 4294967280 bytes; the limit is/],
  ];
  for (const [what, entries, message] of cases) {
    it(`refuses ${what}`, async () => {
      const file = path.join(os.tmpdir(), `hostile-${process.pid}-${what.replace(/\W+/g, '-')}.zip`);
      fs.writeFileSync(file, rawZip(entries));
      try {
        await expect(verifyBundle(file)).rejects.toThrow(BundleError);
        await expect(verifyBundle(file)).rejects.toThrow(message);
      } finally {
        fs.rmSync(file);
      }
    });
  }

  it('refuses an inflate bomb: an entry that unpacks past the size it declares', async () => {
    const file = out('bomb.zip');
    const huge = Buffer.alloc(64 * 1024 * 1024);
    fs.writeFileSync(file, rawZip([{ name: BUNDLE_FILES.manifest, data: huge, deflate: true, declaredSize: 1000 }]));
    expect(fs.statSync(file).size).toBeLessThan(200_000);
    await expect(verifyBundle(file)).rejects.toThrow(/manifest\.sha256 unpacks to more than the 1000 bytes it declares/);
  });

  it('refuses a truncated bundle through the CLI, exit 1 with the reason', async () => {
    const file = out('truncated.zip');
    const whole = fs.readFileSync(bundle);
    fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    const r = await runBin(['verify', file, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, refused: expect.stringMatching(/not a readable bundle: its ZIP directory is missing, truncated or inconsistent/) });
  }, 60_000);

  it('accepts a bundle re-zipped by a standard tool (folder entries and Unix modes)', async () => {
    const dir = out('rezip');
    execFileSync('unzip', ['-q', bundle, '-d', dir]);
    const rezipped = out('rezipped.zip');
    execFileSync('zip', ['-q', '-r', rezipped, '.'], { cwd: dir });
    const report = await verifyBundle(rezipped);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  }, 60_000);
});
