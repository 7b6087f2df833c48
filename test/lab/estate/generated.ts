/**
 * A large estate made to order, for batch tests and the benchmark: `n` domains drawn deterministically from
 * a realistic mix of postures, most of them on the two shared provider MX hosts, some with MX names of their
 * own served by a small pool of provider endpoints (multi-SAN certificates, as hosting providers run them).
 * Every archetype carries its exact expected posture and finding codes, like the hand-written estate.
 */
import type { FindingCode } from '../../../shared/findings';
import { HEALTHY_ENFORCE, policyBody, without, type DomainSpec, type MxHostSpec } from '../../../electron/lab/estate/spec';

export type Archetype = 'enforce' | 'testing' | 'none' | 'absent' | 'invalid' | 'no-rpt' | 'own-mx' | 'own-mx-uncovered' | 'null-mx';

/** Out of 100 domains: the share of each archetype (roughly what a consultancy's client estates look like). */
const MIX: [Archetype, number][] = [
  ['enforce', 30], ['testing', 10], ['none', 3], ['absent', 25], ['invalid', 5], ['no-rpt', 7], ['own-mx', 12], ['own-mx-uncovered', 3], ['null-mx', 5],
];

const TESTING: FindingCode[] = [...without(HEALTHY_ENFORCE, 'MTASTS_MODE_ENFORCE'), 'MTASTS_MODE_TESTING'];

function archetypeOf(i: number): Archetype {
  let slot = (i * 37) % 100; // a fixed permutation of 0..99, so kinds interleave in any prefix of the estate
  for (const [kind, share] of MIX) {
    if (slot < share) return kind;
    slot -= share;
  }
  return 'enforce';
}

function spec(kind: Archetype, name: string, ownMx: string): DomainSpec {
  const about = `generated ${kind}`;
  switch (kind) {
    case 'enforce':
      return { name, about, expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } };
    case 'testing':
      return { name, about, policy: policyBody('testing'), expect: { posture: 'testing', codes: TESTING } };
    case 'none':
      return { name, about, policy: policyBody('none', [], '86400'), expect: { posture: 'none', codes: ['MTASTS_POLICY_VALID', 'MTASTS_MODE_NONE', 'TLSRPT_VALID', 'DNSSEC_UNSIGNED', 'STARTTLS_OK'] } };
    case 'absent':
      return { name, about, sts: null, policy: null, tlsrpt: null, expect: { posture: 'absent', codes: ['MTASTS_DNS_RECORD_MISSING', 'TLSRPT_RECORD_MISSING', 'DNSSEC_UNSIGNED', 'STARTTLS_OK'] } };
    case 'invalid':
      return {
        name, about, policy: policyBody('enforce').replace('mode:', 'Mode:'),
        expect: { posture: 'invalid', codes: ['MTASTS_POLICY_KEY_CASE', 'MTASTS_POLICY_MODE_INVALID', 'TLSRPT_VALID', 'DNSSEC_UNSIGNED', 'STARTTLS_OK'] },
      };
    case 'no-rpt':
      return { name, about, tlsrpt: null, expect: { posture: 'enforce', codes: [...without(HEALTHY_ENFORCE, 'TLSRPT_VALID'), 'TLSRPT_MISSING_WITH_POLICY'] } };
    case 'own-mx':
      return { name, about, mx: [[10, ownMx]], policy: policyBody('enforce', [ownMx]), expect: { posture: 'enforce', codes: HEALTHY_ENFORCE } };
    case 'own-mx-uncovered':
      return {
        name, about, mx: [[10, ownMx]],
        expect: { posture: 'enforce', codes: [...without(HEALTHY_ENFORCE, 'MTASTS_MX_ALL_COVERED'), 'MTASTS_MX_NOT_COVERED', 'MTASTS_MX_NONE_COVERED', 'MTASTS_POLICY_MX_UNUSED'] },
      };
    case 'null-mx':
      return { name, about, mx: [[0, '.']], sts: null, policy: null, tlsrpt: null, expect: { posture: 'no-mail', codes: ['MX_NULL'] } };
  }
}

export interface GeneratedEstate {
  domains: (DomainSpec & { archetype: Archetype })[];
  mxHosts: MxHostSpec[];
}

/**
 * @param n number of domains
 * @param opts.pool provider endpoints serving the domains' own MX names (default: one per 250 such names)
 * @param opts.label distinguishes two estates in one lab (default 'g')
 */
export function generateEstate(n: number, opts: { pool?: number; label?: string } = {}): GeneratedEstate {
  const label = opts.label ?? 'g';
  const domains: GeneratedEstate['domains'] = [];
  const ownNames: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = archetypeOf(i);
    const name = `${label}${String(i).padStart(6, '0')}-${kind}.estate.test`;
    const ownMx = `mx.${name}`;
    if (kind === 'own-mx' || kind === 'own-mx-uncovered') ownNames.push(ownMx);
    domains.push({ ...spec(kind, name, ownMx), archetype: kind });
  }
  const poolSize = Math.max(1, opts.pool ?? Math.ceil(ownNames.length / 250));
  const mxHosts: MxHostSpec[] = Array.from({ length: poolSize }, (_, k) => ({
    name: `pool${k + 1}.mx-hosting.${label}.test`, about: 'provider endpoint serving many customer MX names',
    extraNames: ownNames.filter((_, j) => j % poolSize === k),
  }));
  return { domains, mxHosts };
}
