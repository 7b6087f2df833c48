import type { Finding } from '../../shared/types';

/**
 * The policy file exactly as served, one numbered line per row, with the lines that findings point at
 * marked and labelled. Text only: nothing from the file is interpreted.
 */
export function PolicyText({ text, findings }: { text: string; findings: Finding[] }) {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const byLine = new Map<number, Finding[]>();
  for (const f of findings) if (f.line !== undefined) byLine.set(f.line, [...(byLine.get(f.line) ?? []), f]);
  return (
    <div className="policy-text" role="table" aria-label="Policy file">
      {lines.map((line, i) => {
        const marks = byLine.get(i + 1);
        return (
          <div key={i} role="row" className={`policy-line${marks ? ` marked sev-line-${marks[0]!.severity}` : ''}`}>
            <span role="cell" className="line-no">{i + 1}</span>
            <span role="cell" className="line-text">{line || ' '}</span>
            {marks && <span role="cell" className="line-marks">{marks.map((m) => m.code).join(', ')}</span>}
          </div>
        );
      })}
      {[...byLine.keys()].filter((n) => n > lines.length).map((n) => (
        <div key={`past-${n}`} role="row" className="policy-line marked"><span role="cell" className="line-no">{n}</span><span role="cell" className="line-text muted">(past the end of the file)</span><span role="cell" className="line-marks">{byLine.get(n)!.map((m) => m.code).join(', ')}</span></div>
      ))}
    </div>
  );
}
