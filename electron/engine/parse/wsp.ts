/**
 * WSP (SP / HTAB, RFC 5234) trimming by hand-written scans. The obvious regexes (`/[ \t]+$/`,
 * `/[ \t]*,[ \t]*\/g`) restart at every character of a run of spaces and take time quadratic in its length:
 * one 64 KB TXT answer or policy body of spaces would stall the event loop for seconds. Each helper here
 * looks at every character at most twice.
 */

export const isWsp = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Index just past the last non-WSP character of `s[from..]` (or `from` when all of it is WSP). */
function endOfContent(s: string, from = 0): number {
  let end = s.length;
  while (end > from && isWsp(s[end - 1])) end--;
  return end;
}

export function trimWspEnd(s: string): string {
  const end = endOfContent(s);
  return end === s.length ? s : s.slice(0, end);
}

export function trimWspStart(s: string): string {
  let start = 0;
  while (start < s.length && isWsp(s[start])) start++;
  return start === 0 ? s : s.slice(start);
}

export function trimWsp(s: string): string {
  return trimWspEnd(trimWspStart(s));
}

/** True when `s` is empty or only WSP. */
export function isAllWsp(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isWsp(s[i])) return false;
  return true;
}

/** `a , b\t,c` → `a,b,c`: drops the WSP around every comma (RFC 8460 §3 `*WSP "," *WSP`), nothing else. One pass. */
export function squeezeWspAroundCommas(s: string): string {
  let comma = s.indexOf(',');
  if (comma < 0) return s;
  let out = '';
  let start = 0;
  while (comma >= 0) {
    let end = comma;
    while (end > start && isWsp(s[end - 1])) end--;
    out += `${s.slice(start, end)},`;
    start = comma + 1;
    while (start < s.length && isWsp(s[start])) start++;
    comma = s.indexOf(',', start);
  }
  return out + s.slice(start);
}
