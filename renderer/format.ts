/**
 * Number, time and size formatting for display. Dates have one form everywhere, in the computer's local time:
 * "5 Dec 2026, 18:28" (en-GB keeps day and month unambiguous, the month is a word); a day alone is "5 Dec 2026".
 */
const integer = new Intl.NumberFormat('en-GB');
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export const formatInt = (n: number): string => integer.format(n);
/** Domains per second; below one per 20 s ("0/s" would read as stalled) per minute, and below one a minute per hour. */
export const formatRate = (n: number): string => {
  if (n <= 0 || n >= 0.05) return `${decimal.format(n)}/s`;
  return n * 60 >= 1 ? `${decimal.format(n * 60)}/min` : `${decimal.format(n * 3600)}/h`;
};

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

/** The day alone, in the same form as formatDate: "5 Dec 2026". */
export const formatDay = (d: Date): string => day.format(d);

export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** 75 → "1:15", 3700 → "1:01:40". */
export function formatDuration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return '—';
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${decimal.format(ms / 1000)} s`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${decimal.format(n / 1024)} KB`;
  return `${decimal.format(n / 1024 / 1024)} MB`;
}

export function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
}

/** "report.csv" → "report"; used to suggest names. */
export function baseName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  return name.replace(/\.[^.]+$/, '');
}
