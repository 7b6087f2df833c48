/**
 * `demo`: starts the loopback lab (DNS, HTTPS policy hosts, SMTP with STARTTLS) and audits its whole
 * estate through the real engine: the one-command proof that the tool works on a machine with no network.
 */
import { auditDomain } from '../engine/audit-domain';
import { createAuditContext } from '../engine/context';
import { mapLimit } from '../engine/concurrency';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLab, type Lab } from '../lab/lab';
import { DEMO_DOMAINS, DEMO_MX_HOSTS } from '../lab/estate/demo';
import { parse } from './args';
import { formatTable, jsonLine, postureCounts } from './format';
import { toJson } from './check';
import type { DomainResult } from '../../shared/types';

/** The lab's own answer key: the exact posture and set of finding codes each domain must get. */
function agrees(r: DomainResult, expect: { posture: string; codes: string[] }): boolean {
  const got = [...new Set(r.findings.map((f) => f.code))].sort().join(' ');
  return r.posture === expect.posture && got === [...new Set(expect.codes)].sort().join(' ');
}

/**
 * `demo --serve`: keeps the lab up and prints how to point `check`, `audit` or the desktop app at it, so the
 * estate's defects can be explored by hand. Ends on Ctrl-C.
 */
async function serve(lab: Lab, out: NodeJS.WritableStream): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mta-sts-lab-'));
  const ca = path.join(dir, 'lab-ca.pem');
  const list = path.join(dir, 'lab-estate.csv');
  fs.writeFileSync(ca, lab.settings.extraCaPem!);
  fs.writeFileSync(list, `domain,about\n${DEMO_DOMAINS.map((d) => `${d.name},"${d.about.replace(/"/g, '""')}"`).join('\n')}\n`);
  const s = lab.settings;
  const flags = `--resolver ${s.resolvers[0]} --ca ${ca} --https-port ${s.httpsPort} --smtp-port ${s.smtpPort} --allow-private-range 127.0.0.0/8`;
  out.write([
    `The lab is running on loopback: ${DEMO_DOMAINS.length} domains, ${DEMO_MX_HOSTS.length} MX hosts.`,
    '',
    'Try, in another terminal:',
    `  npm run cli -- check enforce.test starttls-not-offered.test dane-ta-missing.test ${flags}`,
    `  npm run cli -- audit ${list} --db ${path.join(dir, 'lab.sqlite')} ${flags}`,
    '',
    'Or in the desktop app, Settings → Defaults for new audits:',
    `  DNS resolvers ${s.resolvers[0]}, extra trust anchor: the contents of ${ca},`,
    `  policy port ${s.httpsPort}, SMTP port ${s.smtpPort}, allowed private range 127.0.0.0/8; then import ${list}.`,
    '',
    'Ctrl-C stops the lab.',
    '',
  ].join('\n'));
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
  return 0;
}

export async function runDemo(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' }, serve: { type: 'boolean' } });
  const started = performance.now();
  const lab = await startLab({ domains: DEMO_DOMAINS, mxHosts: DEMO_MX_HOSTS });
  try {
    if (values.serve) return await serve(lab, out);
    const ctx = createAuditContext(lab.settings);
    const results = await mapLimit(DEMO_DOMAINS, 32, (d) => auditDomain(d.name, ctx));
    if (values.json) {
      for (const r of results) out.write(jsonLine(toJson(r)));
      return 0;
    }
    out.write(`${formatTable(results)}\n\n`);
    out.write(`${results.length} lab domains audited in ${((performance.now() - started) / 1000).toFixed(1)} s (${postureCounts(results)}).\n`);
    const disagree = results.filter((r, i) => !agrees(r, DEMO_DOMAINS[i]!.expect));
    out.write(`${results.length - disagree.length}/${results.length} domains got exactly the posture and finding codes the lab expects.\n`);
    for (const r of disagree) out.write(`  differs: ${r.domain}\n`);
    return disagree.length === 0 ? 0 : 1;
  } finally {
    await lab.close();
  }
}
