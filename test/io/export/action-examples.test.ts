/**
 * The workbook's example actions spilled to a temporary SQLite file (io/report/action-examples.ts): the estate's
 * actions come out exactly as when kept in memory (order, domains, hosts, each example with its exact values),
 * and the examples are read back only when asked for.
 */
import { describe, expect, it } from 'vitest';
import { deriveActions } from '../../../electron/engine/actions';
import { ActionGrouper } from '../../../electron/engine/actions/group';
import { SpilledExamples } from '../../../electron/io/report/action-examples';
import { domainLabel } from '../../../electron/io/report/source';
import { resultOutcome } from '../../../shared/outcome';
import { estate } from './fixtures';

const NOW = new Date('2026-06-01T00:00:00Z');

function grouped(grouper: ActionGrouper) {
  for (const { result } of estate(120, 'spill-')) {
    grouper.add({ domain: domainLabel(result), outcome: resultOutcome(result).outcome, actions: deriveActions(result, NOW).actions });
  }
  return grouper.result();
}

describe('SpilledExamples', () => {
  it('gives the same estate actions as examples kept in memory', () => {
    const inMemory = grouped(new ActionGrouper());
    const shelf = new SpilledExamples();
    try {
      const spilled = grouped(new ActionGrouper(shelf));
      expect(spilled.length).toBe(inMemory.length);
      expect(inMemory.length).toBeGreaterThan(100);
      spilled.forEach((a, i) => {
        const m = inMemory[i]!;
        expect({ ...a, example: a.example }).toEqual(m);
        // The example is read from the file each time, not kept on the action.
        expect(Object.keys(a)).not.toContain('example');
        expect(a.example).not.toBe(a.example);
      });
    } finally {
      shelf.close();
    }
  });

  it('refuses a key it never handed out', () => {
    const shelf = new SpilledExamples();
    try {
      expect(() => shelf.get(42)).toThrow(/No example action kept under 42/);
    } finally {
      shelf.close();
    }
  });

  it('keeps in-memory actions cloneable: the example is a plain property', () => {
    const [first] = grouped(new ActionGrouper());
    expect(structuredClone(first)).toEqual(first);
    expect(Object.keys(first!)).toContain('example');
  });
});
