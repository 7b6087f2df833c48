/**
 * `npm run bench -- --reports [--reports-count N]`: N realistic TLS-RPT reports (default 10,000), as a
 * consultant's inbox holds them (70 % .json.gz files, 20 % single .eml mails, 10 % in mbox files of 100),
 * one report per sender and domain and day with a few failure details each; imported in a child process
 * that reports time and peak RSS.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const RESULT_TYPES = ['certificate-expired', 'starttls-not-supported', 'certificate-host-mismatch', 'validation-failure', 'sts-policy-fetch-error'];

function report(i: number, domains: number): Record<string, unknown> {
  const domain = `d${i % domains}.bench.example`;
  const day = new Date(Date.now() - (1 + (Math.floor(i / domains) % 25)) * 86_400_000).toISOString().slice(0, 10);
  const failures = Array.from({ length: i % 4 }, (_, k) => ({
    'result-type': RESULT_TYPES[(i + k) % RESULT_TYPES.length], 'sending-mta-ip': `192.0.2.${(i + k) % 250}`, 'receiving-mx-hostname': `mx${k}.${domain}`,
    'receiving-ip': `198.51.100.${k + 1}`, 'failed-session-count': 1 + ((i * 7 + k) % 500),
  }));
  return {
    'organization-name': ['Mail Giant Inc.', 'Outlookish Ltd', 'Small ISP'][i % 3], 'date-range': { 'start-datetime': `${day}T00:00:00Z`, 'end-datetime': `${day}T23:59:59Z` },
    'contact-info': 'tlsrpt@sender.example', 'report-id': `bench-${i}`,
    policies: [{
      policy: { 'policy-type': 'sts', 'policy-string': ['version: STSv1', 'mode: enforce', `mx: *.${domain}`, 'max_age: 604800'], 'policy-domain': domain, 'mx-host': [`*.${domain}`] },
      summary: { 'total-successful-session-count': 1000 + i, 'total-failure-session-count': failures.reduce((s, f) => s + f['failed-session-count'], 0) },
      ...(failures.length ? { 'failure-details': failures } : {}),
    }],
  };
}

function email(r: Record<string, unknown>): string {
  const gz = zlib.gzipSync(JSON.stringify(r)).toString('base64').replace(/(.{76})/g, '$1\r\n');
  return ['From: tlsrpt@sender.example', 'Subject: Report', 'MIME-Version: 1.0', 'Content-Type: multipart/report; report-type="tlsrpt"; boundary="b"', '',
    '--b', 'Content-Type: text/plain', '', 'TLS report', '--b', 'Content-Type: application/tlsrpt+gzip; name="r.json.gz"', 'Content-Transfer-Encoding: base64', '', gz, '--b--', ''].join('\r\n');
}

export interface ReportsFigures { reports: number; added: number; rejected: number; importMs: number; summaryMs: number; rssBeforeMb: number; peakRssMb: number; rows: number; inputMb: number; files: number }

export async function reportsBench(count: number, domains = 1000): Promise<ReportsFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-bench-reports-'));
  try {
    const inbox = path.join(dir, 'inbox');
    fs.mkdirSync(inbox);
    let mbox: string[] = [];
    let files = 0;
    for (let i = 0; i < count; i++) {
      const r = report(i, domains);
      const kind = i % 10;
      if (kind < 7) {
        fs.writeFileSync(path.join(inbox, `r${i}.json.gz`), zlib.gzipSync(JSON.stringify(r)));
        files++;
      } else if (kind < 9) {
        fs.writeFileSync(path.join(inbox, `r${i}.eml`), email(r));
        files++;
      } else mbox.push(`From tlsrpt@sender.example Sat Dec  5 10:00:00 2026\n${email(r).replace(/\r\n/g, '\n')}\n`);
      if (mbox.length === 100 || (i === count - 1 && mbox.length)) {
        fs.writeFileSync(path.join(inbox, `box${i}.mbox`), mbox.join(''));
        files++;
        mbox = [];
      }
    }
    const inputBytes = fs.readdirSync(inbox).reduce((s, f) => s + fs.statSync(path.join(inbox, f)).size, 0);
    const child = spawn(process.execPath, [TSX, path.join(import.meta.dirname, 'reports-process.ts'), inbox, path.join(dir, 'bench.sqlite'), String(domains)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += String(c)));
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
    if (code !== 0) throw new Error(`reports bench child exited ${code}`);
    return { ...(JSON.parse(out) as Omit<ReportsFigures, 'inputMb' | 'files'>), inputMb: +(inputBytes / 2 ** 20).toFixed(1), files };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printReportsFigures(f: ReportsFigures): void {
  process.stderr.write(`\nTLS-RPT import: ${f.reports} reports in ${f.files} files (${f.inputMb} MB): ${f.added} added, ${f.rejected} rejected\n`);
  process.stderr.write(`  import ${(f.importMs / 1000).toFixed(1)} s (${Math.round(f.reports / (f.importMs / 1000))} reports/s), summary over 1,000 domains ${f.summaryMs} ms (${f.rows} rows), peak RSS ${f.peakRssMb} MB (${f.rssBeforeMb} MB before the import, after storing the fixture run)\n`);
}
