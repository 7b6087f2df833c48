/**
 * The tag-list shape shared by `_mta-sts` (RFC 8461 §3.1) and `_smtp._tls` (RFC 8460 §3) records:
 *   record = version 1*( delim field ) [ delim ];  delim = *WSP ";" *WSP;  field = name "=" value
 * The tokeniser reports every deviation with its character offset; callers give the fields their meaning.
 * Every step is a linear scan (see wsp.ts): a record is untrusted DNS data up to 64 KB.
 */
import { isWsp, squeezeWspAroundCommas, trimWspEnd } from './wsp';

export interface TxtField {
  name: string;
  value: string;
  /** Offset of the field's first character in the record text. */
  offset: number;
}

export interface TxtProblem {
  message: string;
  offset: number;
  /** The field name when it can still be told (so `id = x` is a broken id, not a missing one). */
  name?: string;
}

export interface TxtFieldList {
  fields: TxtField[];
  problems: TxtProblem[];
  /** WSP between the version token and the first `;` (legal ABNF, but see RFC 8461 erratum 6285). */
  spaceBeforeFirstDelimiter: boolean;
  /** Scanning stopped after MAX_PROBLEMS: the record is already unusable, and fields after that were not read. */
  truncated: boolean;
}

/** One broken record is one problem for its owner; 30,000 `;;` in a 64 KB answer need not be 30,000 findings. */
export const MAX_PROBLEMS = 10;

/** Shared extension-name rule: letter or digit, then up to 31 of letters, digits, `_ - .`. */
export const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
/** Shared extension-value rule: printable ASCII except SP, `;` and `=`. */
export const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/** Offset of the first byte outside printable US-ASCII (SP and HTAB allowed), or -1. */
export function firstNonAscii(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x09 && (c < 0x20 || c > 0x7e)) return i;
  }
  return -1;
}

/** Splits what follows `versionToken` (already checked by the caller) into fields. */
export function splitTxtFields(text: string, versionToken: string, opts: { listField?: string } = {}): TxtFieldList {
  const out: TxtFieldList = { fields: [], problems: [], spaceBeforeFirstDelimiter: false, truncated: false };
  let i = versionToken.length;
  let first = true;
  for (;;) {
    if (out.problems.length >= MAX_PROBLEMS) {
      out.truncated = true;
      out.problems.push({ message: `more than ${MAX_PROBLEMS} problems; the rest of the record (from here) was not examined`, offset: i });
      break;
    }
    let j = i;
    while (isWsp(text[j])) j++;
    if (j >= text.length) {
      if (j > i && !first) out.problems.push({ message: 'whitespace after the last field without a ";"', offset: i });
      else if (j > i) out.problems.push({ message: `whitespace after ${versionToken} without a ";"`, offset: i });
      break;
    }
    if (text[j] !== ';') {
      out.problems.push({ message: `expected ";" but found ${JSON.stringify(text.slice(j, j + 12))}`, offset: j });
      break;
    }
    if (first && j > i) out.spaceBeforeFirstDelimiter = true;
    first = false;
    let k = j + 1;
    while (isWsp(text[k])) k++;
    if (k >= text.length) break; // one trailing delimiter is allowed
    if (text[k] === ';') {
      out.problems.push({ message: 'empty field (";;")', offset: k });
      i = k;
      continue;
    }
    const semi = text.indexOf(';', k);
    const raw = text.slice(k, semi < 0 ? text.length : semi);
    const trimmed = trimWspEnd(raw);
    i = k + trimmed.length;
    // A list field (TLS-RPT rua) may have WSP around its commas: uri *( *WSP "," *WSP uri ).
    const field = opts.listField && trimmed.startsWith(`${opts.listField}=`) ? squeezeWspAroundCommas(trimmed) : trimmed;
    if (field.includes(' ') || field.includes('\t')) {
      const name = fieldName(field);
      out.problems.push({ message: `whitespace inside field ${JSON.stringify(field.slice(0, 40))} (no spaces around "=")`, offset: k, ...(name ? { name } : {}) });
      continue;
    }
    const eq = field.indexOf('=');
    if (eq <= 0) {
      out.problems.push({ message: eq === 0 ? 'field without a name' : `field ${JSON.stringify(field.slice(0, 40))} has no "="`, offset: k });
      continue;
    }
    out.fields.push({ name: field.slice(0, eq), value: field.slice(eq + 1), offset: k });
  }
  return out;
}

/** The text before the first WSP or `=`, if any (a linear scan). */
function fieldName(field: string): string | undefined {
  let i = 0;
  while (i < field.length && !isWsp(field[i]) && field[i] !== '=') i++;
  return i > 0 ? field.slice(0, i) : undefined;
}
