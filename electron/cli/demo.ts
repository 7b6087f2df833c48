/**
 * `demo`: starts the loopback lab (DNS, HTTPS policy hosts, SMTP with STARTTLS) and audits its whole
 * estate through the real engine: the one-command proof that the tool works on a machine with no network.
 */
import { auditDomain } from '../engine/audit-domain';
import { createAuditContext } from '../engine/context';
import { mapLimit } from '../engine/concurrency';
import { startLab } from '../../test/lab/lab';
import { DEMO_DOMAINS, DEMO_MX_HOSTS } from '../../test/lab/estate/demo';
import { parse } from './args';
import { formatTable, postureCounts } from './format';
import { toJson } from './check';
import type { DomainResult } from '../../shared/types';

/** The lab's own answer key: the exact posture and set of finding codes each domain must get. */
function agrees(r: DomainResult, expect: { posture: string; codes: string[] }): boolean {
  const got = [...new Set(r.findings.map((f) => f.code))].sort().join(' ');
  return r.posture === expect.posture && got === [...new Set(expect.codes)].sort().join(' ');
}

export async function runDemo(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  const started = performance.now();
  const lab = await startLab({ domains: DEMO_DOMAINS, mxHosts: DEMO_MX_HOSTS });
  try {
    const ctx = createAuditContext(lab.settings);
    const results = await mapLimit(DEMO_DOMAINS, 32, (d) => auditDomain(d.name, ctx));
    if (values.json) {
      for (const r of results) out.write(`${JSON.stringify(toJson(r))}\n`);
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
