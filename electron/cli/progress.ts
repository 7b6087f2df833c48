/**
 * Run progress on the terminal: a redrawn bar on a TTY, plain lines (at most one every 2 s) otherwise,
 * so logs of CI jobs and pipes stay readable.
 */
import type { RunProgress } from '../engine/runner';

const BAR = 30;

function line(p: RunProgress): string {
  const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
  const eta = p.etaSec === null ? '?' : `${p.etaSec}s`;
  const postures = Object.entries(p.postureCounts).map(([k, v]) => `${k} ${v}`).join(' · ');
  return `${p.done}/${p.total} (${pct}%) ${p.ratePerSec.toFixed(1)}/s ETA ${eta}${postures ? `  ${postures}` : ''}`;
}

export function progressPrinter(out: NodeJS.WritableStream & { isTTY?: boolean }): (p: RunProgress) => void {
  let lastPlain = 0;
  let finished = false;
  return (p) => {
    // The runner reports the last domain and then the final state: print 100% once.
    if (finished) return;
    finished = p.done === p.total;
    if (out.isTTY) {
      const filled = p.total > 0 ? Math.round((p.done / p.total) * BAR) : BAR;
      out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${line(p)}\u001b[K${p.done === p.total ? '\n' : ''}`);
      return;
    }
    const now = Date.now();
    if (now - lastPlain >= 2000 || p.done === p.total) {
      lastPlain = now;
      out.write(`progress ${line(p)}\n`);
    }
  };
}
