/**
 * A streaming RFC 4180 tokenizer, lenient the way Excel is (a quote inside an unquoted field is text; text after
 * a closing quote is kept), that survives broken quoting. csv-parse reads an unbalanced quote to the end of the
 * file and then fails, losing every later row; here the line where the bad field starts is reported and
 * reading resumes on the next line.
 *
 * An opening quote counts as unbalanced when no closing quote follows within one cell's worth of text (Excel's
 * 32,767 characters), or when the "closing" quote is followed by more text although the field spanned a line
 * break: a real multi-line cell ends with `"` then a delimiter or end of line.
 */
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_RECORD_CHARS } from '../limits';

export type CsvRecord = { fields: string[] } | { broken: string; reason: string };

export const UNBALANCED_QUOTE = 'unbalanced quote: a field opens with " that is never closed, so this line could not be split into columns';
const TOO_LONG = `a row longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters`;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** Enough of a broken line to recognise it in the report. */
const BROKEN_EXCERPT = 200;

type Scan = { record: CsvRecord; next: number } | undefined;
type Quoted = { value: string; next: number } | 'unbalanced' | undefined;

export class CsvTokenizer {
  private buf = '';
  /** Discarding the rest of an over-long line up to its line break. */
  private skipping = false;
  private readonly delim: number;

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Records completed by this text; an unfinished one waits for the next push. */
  push(text: string): CsvRecord[] {
    this.buf += text;
    return this.drain(false);
  }

  /** The last records once the input has ended. */
  end(): CsvRecord[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const buf = this.buf;
    let pos = 0;
    while (pos < buf.length) {
      if (this.skipping) {
        const lb = lineBreak(buf, pos);
        if (lb === -1) {
          pos = buf.length;
          break;
        }
        pos = afterLineBreak(buf, lb);
        this.skipping = false;
        continue;
      }
      const scan = this.scanRecord(buf, pos, final);
      if (!scan) break;
      out.push(scan.record);
      pos = scan.next;
    }
    this.buf = buf.slice(pos);
    if (!final && this.buf.length > MAX_RECORD_CHARS) {
      out.push({ broken: this.buf.slice(0, BROKEN_EXCERPT), reason: TOO_LONG });
      this.buf = '';
      this.skipping = true;
    }
    return out;
  }

  /** One record from `start`, or undefined if the text so far ends inside it. */
  private scanRecord(buf: string, start: number, final: boolean): Scan {
    const fields: string[] = [];
    const n = buf.length;
    let i = start;
    for (;;) {
      let value: string;
      if (buf.charCodeAt(i) === QUOTE) {
        const q = this.scanQuoted(buf, i, final);
        if (q === undefined) return undefined;
        if (q === 'unbalanced') return brokenLine(buf, start, final);
        value = q.value;
        i = q.next;
      } else {
        let j = i;
        while (j < n) {
          const c = buf.charCodeAt(j);
          if (c === this.delim || c === LF || c === CR) break;
          j++;
        }
        value = buf.slice(i, j);
        i = j;
      }
      if (fields.length < MAX_COLUMNS) fields.push(value.length > MAX_CELL_CHARS ? value.slice(0, MAX_CELL_CHARS) : value);
      if (i >= n) return final ? { record: { fields }, next: n } : undefined;
      const c = buf.charCodeAt(i);
      if (c === this.delim) {
        i++;
        continue;
      }
      if (c === CR && i + 1 >= n && !final) return undefined; // a CRLF may be split across chunks
      return { record: { fields }, next: afterLineBreak(buf, i) };
    }
  }

  /** A quoted field starting at the quote at `i`; `""` is a literal quote. */
  private scanQuoted(buf: string, i: number, final: boolean): Quoted {
    const n = buf.length;
    let value = '';
    let j = i + 1;
    for (;;) {
      const k = buf.indexOf('"', j);
      if (k === -1 || k - i > MAX_CELL_CHARS) {
        if (k === -1 && !final && n - i <= MAX_CELL_CHARS) return undefined;
        return 'unbalanced';
      }
      if (k + 1 >= n && !final) return undefined; // may be the first half of ""
      if (buf.charCodeAt(k + 1) === QUOTE) {
        value += buf.slice(j, k + 1);
        j = k + 2;
        continue;
      }
      value += buf.slice(j, k);
      return this.afterClosingQuote(buf, k + 1, value, final);
    }
  }

  /** Excel keeps text between a closing quote and the next delimiter (`"ab"c` is `abc`). */
  private afterClosingQuote(buf: string, next: number, value: string, final: boolean): Quoted {
    const n = buf.length;
    let m = next;
    while (m < n) {
      const c = buf.charCodeAt(m);
      if (c === this.delim || c === LF || c === CR) break;
      m++;
    }
    if (m === next) return { value, next };
    if (value.includes('\n') || value.includes('\r')) return 'unbalanced';
    if (m >= n && !final) return undefined;
    return { value: value + buf.slice(next, m), next: m };
  }
}

/** The line holding an unbalanced quote, reported whole; reading resumes after it. */
function brokenLine(buf: string, start: number, final: boolean): Scan {
  const lb = lineBreak(buf, start);
  if (lb === -1) {
    if (!final) return undefined;
    return { record: { broken: buf.slice(start, start + BROKEN_EXCERPT), reason: UNBALANCED_QUOTE }, next: buf.length };
  }
  if (buf.charCodeAt(lb) === CR && lb + 1 >= buf.length && !final) return undefined;
  return { record: { broken: buf.slice(start, Math.min(lb, start + BROKEN_EXCERPT)), reason: UNBALANCED_QUOTE }, next: afterLineBreak(buf, lb) };
}

function lineBreak(buf: string, from: number): number {
  const lf = buf.indexOf('\n', from);
  const cr = buf.indexOf('\r', from);
  if (lf === -1) return cr;
  if (cr === -1) return lf;
  return Math.min(lf, cr);
}

/** Past a LF, CR or CRLF at `i`. */
function afterLineBreak(buf: string, i: number): number {
  return buf.charCodeAt(i) === CR && buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
}
