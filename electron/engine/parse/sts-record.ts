/**
 * `_mta-sts.<d>` TXT selection and strict parsing (RFC 8461 §3.1; CHECKS §1.1, §2.1). Input is each RR's
 * character-strings already joined without separator.
 */
import type { ParserFinding } from './parser-finding';
import { EXT_NAME, EXT_VALUE, firstNonAscii, splitTxtFields } from './txt-fields';

export interface StsRecordParse {
  /** A compliant sender would use this record. */
  valid: boolean;
  /** STS-like records seen: 0 means nothing was published (posture absent), not a broken record. */
  stsLikeCount: number;
  /** The record senders would use (or the STS-like one that failed), as published. */
  record?: string;
  id?: string;
  fields: Record<string, string>;
  findings: ParserFinding[];
}

const VERSION = 'v=STSv1';
const ID = /^[A-Za-z0-9]{1,32}$/;

/** CHECKS Conventions: starts with `v=sts` in any case (WSP around `=` tolerated), or has both `v=` and `id=` fields. */
export function isStsLike(text: string): boolean {
  if (/^[ \t]*v[ \t]*=[ \t]*sts/i.test(text)) return true;
  return /(^|;)[ \t]*v=/i.test(text) && /(^|;)[ \t]*id=/i.test(text);
}

/** Begins with the exact version token followed by a delimiter or the end (the ABNF's reading, erratum 6285 aside). */
function isCandidate(text: string): boolean {
  return /^v=STSv1(?=[ \t]*;|$)/.test(text);
}

/**
 * RFC 8461 §3.1: "If multiple TXT records for _mta-sts are returned by the resolver, records that do not begin
 * with "v=STSv1;" are discarded." With several TXT records that is the literal eight characters (no WSP before
 * the `;`, no bare `v=STSv1`); a single record is parsed under the ABNF, which allows both.
 */
function selectedBy(texts: string[]): (text: string) => boolean {
  return texts.length > 1 ? (t) => t.startsWith(`${VERSION};`) : isCandidate;
}

export function parseStsRecords(texts: string[]): StsRecordParse {
  // Field names come from DNS: a null-prototype map, so `constructor` or `__proto__` are just names.
  const out: StsRecordParse = { valid: false, stsLikeCount: 0, fields: Object.create(null) as Record<string, string>, findings: [] };
  const stsLike = texts.filter(isStsLike);
  out.stsLikeCount = stsLike.length;
  if (stsLike.length === 0) {
    out.findings.push({ code: 'MTASTS_DNS_RECORD_MISSING', message: texts.length ? `${texts.length} TXT record(s), none STS-like` : 'no TXT record' });
    return out;
  }
  const selected = selectedBy(texts);
  const candidates = stsLike.filter(selected);
  for (const t of stsLike.filter((x) => !selected(x))) {
    const discarded = isCandidate(t) ? ' and other TXT records share the name, so senders discard it (RFC 8461 §3.1)' : '';
    out.findings.push({ code: 'MTASTS_DNS_VERSION_INVALID', message: `record does not start with exactly "v=STSv1;"${discarded}: ${JSON.stringify(t.slice(0, 60))}`, offset: 0 });
  }
  if (texts.length > stsLike.length) {
    out.findings.push({ code: 'MTASTS_DNS_UNRELATED_TXT', message: `${texts.length - stsLike.length} unrelated TXT record(s) share the name` });
  }
  if (candidates.length > 1) {
    out.findings.push({ code: 'MTASTS_DNS_MULTIPLE_RECORDS', message: `${candidates.length} records begin with v=STSv1: senders apply no policy` });
    out.record = candidates[0];
    return out;
  }
  if (candidates.length === 0) {
    out.record = stsLike[0];
    return out;
  }
  const record = candidates[0]!;
  out.record = record;
  const errors = parseCandidate(record, out);
  out.valid = errors === 0;
  return out;
}

/** Parses the single selected record into `out`; returns how many errors make it unusable. */
function parseCandidate(record: string, out: StsRecordParse): number {
  const bad = firstNonAscii(record);
  if (bad >= 0) {
    out.findings.push({ code: 'MTASTS_DNS_NON_ASCII', message: `character ${JSON.stringify(record[bad])} at offset ${bad} is not printable US-ASCII`, offset: bad });
    return 1;
  }
  const list = splitTxtFields(record, VERSION);
  const errors: ParserFinding[] = list.problems.map((p) => ({ code: 'MTASTS_DNS_SYNTAX_INVALID', message: `${p.message} at offset ${p.offset}`, offset: p.offset }));
  const notes: ParserFinding[] = [];
  if (list.spaceBeforeFirstDelimiter) {
    notes.push({ code: 'MTASTS_DNS_SPACE_BEFORE_SEMICOLON', message: 'whitespace between "v=STSv1" and the first ";"', offset: VERSION.length });
  }
  const unknown: string[] = [];
  for (const f of list.fields) {
    if (Object.hasOwn(out.fields, f.name) || f.name === 'v') {
      notes.push({ code: 'MTASTS_DNS_DUPLICATE_FIELD', message: `field "${f.name}" repeated (value ${JSON.stringify(f.value)} ignored; first occurrence used)`, offset: f.offset });
      continue;
    }
    if (f.name === 'id') {
      if (!ID.test(f.value)) errors.push({ code: 'MTASTS_DNS_ID_INVALID', message: `id ${JSON.stringify(f.value)} is not 1–32 letters and digits`, offset: f.offset });
      out.fields.id = f.value;
      continue;
    }
    if (!EXT_NAME.test(f.name) || !EXT_VALUE.test(f.value)) {
      errors.push({ code: 'MTASTS_DNS_SYNTAX_INVALID', message: `malformed extension field ${JSON.stringify(`${f.name}=${f.value}`.slice(0, 60))} at offset ${f.offset}`, offset: f.offset });
      continue;
    }
    out.fields[f.name] = f.value;
    unknown.push(f.name);
  }
  const brokenId = list.problems.some((p) => p.name === 'id');
  if (out.fields.id === undefined && !brokenId && !list.truncated) errors.push({ code: 'MTASTS_DNS_ID_MISSING', message: 'no id= field' });
  else if (out.fields.id !== undefined && ID.test(out.fields.id)) out.id = out.fields.id;
  // Extension fields are only worth a note on a record that otherwise works.
  if (errors.length === 0 && unknown.length > 0) notes.push({ code: 'MTASTS_DNS_UNKNOWN_FIELD', message: `extension field(s) ignored by senders: ${unknown.join(', ')}` });
  out.findings.push(...errors, ...notes);
  return errors.length;
}
