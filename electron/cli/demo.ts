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
    const agree = results.filter((r, i) => r.posture === DEMO_DOMAINS[i]!.expect.posture).length;
    out.write(`${results.length} lab domains audited in ${((performance.now() - started) / 1000).toFixed(1)} s (${postureCounts(results)}).\n`);
    out.write(`${agree}/${results.length} postures agree with the lab's expectations.\n`);
    return 0;
  } finally {
    await lab.close();
  }
}
