import type { ReactNode } from 'react';
import type { Finding } from '../../shared/types';
import { plainText } from '../../shared/plain-language';
import { policyLineAnchor } from '../evidence-anchor';

/** Names of the invisible characters a policy finding may be about (CR, BOM, tab, other controls). */
function invisibleName(ch: string): string | undefined {
  const c = ch.codePointAt(0)!;
  if (ch === '\r') return 'carriage return (CR)';
  if (ch === '\t') return 'tab';
  if (ch === '\uFEFF') return 'byte order mark (BOM)';
  if (ch === '\u00A0') return 'no-break space';
  if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060) return 'zero-width character';
  if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f)) return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return undefined;
}

/** How an invisible character is drawn: the Unicode control pictures (␍, ␀…) or a named mark. */
function glyph(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (ch === '\t') return '⇥';
  if (ch === '\uFEFF') return '[BOM]';
  if (ch === '\u00A0') return '⍽';
  if (c < 0x20) return String.fromCodePoint(0x2400 + c);
  if (c === 0x7f) return '␡';
  return `[U+${c.toString(16).toUpperCase().padStart(4, '0')}]`;
}

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00a0\u200b-\u200d\u2060\ufeff]/u;

/** A line's text with every invisible character made visible and named in its tooltip. */
function visible(line: string): ReactNode[] {
  const out: ReactNode[] = [];
  let plain = '';
  for (const ch of line) {
    const name = INVISIBLE.test(ch) ? invisibleName(ch) : undefined;
    if (name === undefined) { plain += ch; continue; }
    if (plain) out.push(plain);
    plain = '';
    out.push(<span key={out.length} className="ctl" title={name} aria-label={name}>{glyph(ch)}</span>);
  }
  if (plain) out.push(plain);
  return out;
}

/**
 * The policy file exactly as served, one numbered line per row (split at LF only, so a CR shows as ␍), with
 * control characters, tabs and a BOM drawn visibly and the lines that findings point at marked and labelled.
 * Text only: nothing from the file is interpreted.
 */
export function PolicyText({ text, findings }: { text: string; findings: Finding[] }) {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const byLine = new Map<number, Finding[]>();
  for (const f of findings) if (f.line !== undefined) byLine.set(f.line, [...(byLine.get(f.line) ?? []), f]);
  const marksOf = (ms: Finding[]) => ms.map((m) => plainText(m.code).title).join('; ');
  return (
    <div className="policy-text" role="table" aria-label="Policy file">
      {lines.map((line, i) => {
        const marks = byLine.get(i + 1);
        return (
          <div key={i} id={policyLineAnchor(i + 1)} tabIndex={-1} role="row" className={`policy-line${marks ? ` marked sev-line-${marks[0]!.severity}` : ''}`}>
            <span role="cell" className="line-no">{i + 1}</span>
            <span role="cell" className="line-text">{line ? visible(line) : ' '}</span>
            {marks && <span role="cell" className="line-marks" title={marks.map((m) => m.code).join(', ')}>{marksOf(marks)}</span>}
          </div>
        );
      })}
      {[...byLine.keys()].filter((n) => n > lines.length).map((n) => (
        <div key={`past-${n}`} role="row" className="policy-line marked"><span role="cell" className="line-no">{n}</span><span role="cell" className="line-text muted">(past the end of the file)</span><span role="cell" className="line-marks">{marksOf(byLine.get(n)!)}</span></div>
      ))}
    </div>
  );
}
