/** verdictDifferences on untrusted entries: an unreadable recorded verdict is a difference, never an exception. */
import { describe, expect, it } from 'vitest';
import { verdictDifferences } from '../../../electron/engine/judge';
import type { Rejudged } from '../../../electron/engine/judge/rejudge';
import type { DomainResult } from '../../../shared/types';

const rejudged: Rejudged = { judged: true, posture: 'enforce', outcome: 'protected', codes: [], carried: [] };

describe('verdictDifferences', () => {
  it('reports a recorded verdict that cannot be read, named by the domain or else by where it sits', () => {
    const broken = { domain: 'a.example', posture: 'enforce', findings: 'not a list' } as unknown as DomainResult;
    expect(verdictDifferences({ result: broken }, rejudged, 'entry 4')).toEqual([
      { domain: 'a.example', field: 'evidence', recorded: '?', recomputed: 'the recorded verdict cannot be read' },
    ]);
    const nameless = { posture: 'enforce', findings: 7 } as unknown as DomainResult;
    expect(verdictDifferences({ result: nameless }, rejudged, 'entry 4')[0]!.domain).toBe('entry 4');
  });

  it('names a posture the evidence does not support', () => {
    const result = { domain: 'a.example', posture: 'enforce', findings: [] } as unknown as DomainResult;
    const differences = verdictDifferences({ result }, { ...rejudged, posture: 'testing' }, 'entry 1');
    expect(differences.find((d) => d.field === 'posture')).toEqual({ domain: 'a.example', field: 'posture', recorded: 'enforce', recomputed: 'testing' });
  });
});
