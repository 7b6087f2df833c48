/** Text from audited domains reaches the terminal: it must not drive it or forge output lines. */
import { describe, expect, it } from 'vitest';
import { formatResult, jsonLine, safeText } from '../../electron/cli/format';
import type { DomainResult } from '../../shared/types';

const ESC = '\u001b';

describe('safeText', () => {
  it('replaces escapes, newlines, C1 controls and bidi overrides', () => {
    expect(safeText(`a${ESC}[31mred\nforged\tline\u009b2J\u202egnp.exe\u2066x`)).toBe('a?[31mred?forged?line?2J?gnp.exe?x');
  });

  it('keeps ordinary and international text', () => {
    expect(safeText('bücher.example — ok')).toBe('bücher.example — ok');
  });
});

describe('jsonLine', () => {
  it('escapes what JSON.stringify leaves raw, and still parses back to the same value', () => {
    const value = { name: `x\u009b31m\u2028y\u202ez${ESC}` };
    const line = jsonLine(value);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd()).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(line)).toEqual(value);
  });
});

describe('formatResult', () => {
  it('neutralises controls in MX host names and policy patterns taken from DNS', () => {
    const r: DomainResult = {
      input: 'example.com', domain: 'example.com', posture: 'enforce', startedAt: '', durationMs: 1, toolVersion: 't', mxKind: 'explicit',
      evidence: { dns: [] }, findings: [],
      mx: [{ host: `mx${ESC}]0;pwned\u0007.example.com`, preference: 10, addresses: ['192.0.2.1'], covered: true, coveringPattern: `*.example.com\n[HIGH] fake`, probes: [] }],
    };
    const text = formatResult(r);
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\u0007');
    // The outcome line, the posture line and the MX line: the injected newline forged none.
    expect(text.split('\n')).toHaveLength(3);
  });
});
