/**
 * `_smtp._tls.<d>` TXT selection and strict parsing (RFC 8460 §3; CHECKS §1.6, §2.3), including what each
 * `rua` URI is worth as a report destination.
 */
import type { FindingCode } from '../../../shared/findings';
import type { ParserFinding } from './parser-finding';
import { isHostname } from './domain-name';
import { EXT_NAME, EXT_VALUE, firstNonAscii, splitTxtFields } from './txt-fields';
import { trimWsp } from './wsp';

export interface RuaDestination {
  uri: string;
  scheme: string;
  /** mailto: with one valid address, or https: with a host. */
  usable: boolean;
  mailbox?: string;
  host?: string;
}

export interface TlsRptParse {
  /** Exactly one record, valid, with a usable rua: reporters will send. */
  valid: boolean;
  /** Something TLS-RPT-like is published (so "missing" does not apply). */
  present: boolean;
  record?: string;
  rua: RuaDestination[];
  findings: ParserFinding[];
}

const VERSION = 'v=TLSRPTv1';
/** RFC 5322 dot-atom addr-spec, as much as a report mailbox needs. */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** rua problems listed one by one, per code; a 64 KB answer of commas is one broken record, not 30,000 findings. */
const LISTED_PER_CODE = 10;

class RuaProblems {
  private readonly tally = new Map<FindingCode, { listed: number; more: number; into: ParserFinding[] }>();
  /** `message` is built only for the elements listed. */
  add(into: ParserFinding[], code: FindingCode, message: () => string, subject: string, offset?: number): void {
    const t = this.tally.get(code) ?? { listed: 0, more: 0, into };
    this.tally.set(code, t);
    if (t.listed >= LISTED_PER_CODE) {
      t.more++;
      return;
    }
    t.listed++;
    into.push({ code, message: message(), subject: subject.slice(0, 200), ...(offset !== undefined ? { offset } : {}) });
  }
  summarise(): void {
    for (const [code, t] of this.tally) if (t.more > 0) t.into.push({ code, message: `and ${t.more} more rua element(s) with the same problem` });
  }
}

const isCandidate = (t: string) => /^v=TLSRPTv1(?=[ \t]*;|$)/.test(t);
const looksLikeTlsRpt = (t: string) => /^[ \t]*v[ \t]*=[ \t]*tlsrpt/i.test(t);

export function parseTlsRptRecords(texts: string[], domain?: string): TlsRptParse {
  const out: TlsRptParse = { valid: false, present: false, rua: [], findings: [] };
  // RFC 8460 §3: with several TXT records, those not beginning with the literal "v=TLSRPTv1;" are discarded.
  const selected = texts.length > 1 ? (t: string) => t.startsWith(`${VERSION};`) : isCandidate;
  const candidates = texts.filter(selected);
  const lookalikes = texts.filter((t) => !selected(t) && looksLikeTlsRpt(t));
  if (candidates.length === 0 && lookalikes.length === 0) {
    out.findings.push({ code: 'TLSRPT_RECORD_MISSING', message: texts.length ? `${texts.length} TXT record(s), none starts with v=TLSRPTv1` : 'no TXT record' });
    return out;
  }
  out.present = true;
  if (candidates.length > 1) {
    out.record = candidates[0];
    out.findings.push({ code: 'TLSRPT_MULTIPLE_RECORDS', message: `${candidates.length} records begin with v=TLSRPTv1: reporters assume none` });
    return out;
  }
  if (candidates.length === 0) {
    out.record = lookalikes[0];
    out.findings.push({ code: 'TLSRPT_SYNTAX_INVALID', message: `record does not start with exactly "v=TLSRPTv1;": ${JSON.stringify(lookalikes[0]!.slice(0, 60))}`, offset: 0 });
    return out;
  }
  const record = candidates[0]!;
  out.record = record;
  out.valid = parseRecord(record, out, domain);
  if (out.valid) out.findings.unshift({ code: 'TLSRPT_VALID', message: `TLS-RPT record with ${out.rua.filter((r) => r.usable).length} usable destination(s)` });
  return out;
}

function parseRecord(record: string, out: TlsRptParse, domain: string | undefined): boolean {
  const bad = firstNonAscii(record);
  if (bad >= 0) {
    out.findings.push({ code: 'TLSRPT_SYNTAX_INVALID', message: `character ${JSON.stringify(record[bad])} at offset ${bad} is not printable US-ASCII`, offset: bad });
    return false;
  }
  const list = splitTxtFields(record, VERSION, { listField: 'rua' });
  const errors: ParserFinding[] = list.problems.map((p) => ({ code: 'TLSRPT_SYNTAX_INVALID', message: `${p.message} at offset ${p.offset}`, offset: p.offset }));
  const notes: ParserFinding[] = [];
  const unknown: string[] = [];
  let ruaFields = 0;
  const problems = new RuaProblems();
  for (const f of list.fields) {
    if (f.name === 'rua') {
      ruaFields++;
      let empty = 0;
      for (const uri of f.value.split(',')) {
        // Empty elements (",,", a trailing ",") are counted, not examined one by one: 30,000 of them fit in one answer.
        if (uri === '') empty++;
        else {
          const d = destination(uri, f.offset, problems, errors, notes);
          if (d) out.rua.push(d);
        }
      }
      if (empty > 0) problems.add(errors, 'TLSRPT_RUA_URI_INVALID', () => `${empty} empty rua element(s) (",," or a "," at either end)`, '', f.offset);
    } else if (!EXT_NAME.test(f.name) || !EXT_VALUE.test(f.value)) {
      errors.push({ code: 'TLSRPT_SYNTAX_INVALID', message: `malformed extension field ${JSON.stringify(`${f.name}=${f.value}`.slice(0, 60))} at offset ${f.offset}`, offset: f.offset });
    } else unknown.push(f.name);
  }
  problems.summarise();
  if (ruaFields === 0 && list.problems.length === 0) errors.push({ code: 'TLSRPT_RUA_MISSING', message: 'no rua= field' });
  if (ruaFields > 1) notes.push({ code: 'TLSRPT_MULTIPLE_RUA_FIELDS', message: `${ruaFields} rua= fields; some consumers read only one` });
  if (unknown.length > 0 && errors.length === 0) notes.push({ code: 'TLSRPT_UNKNOWN_FIELD', message: `extension field(s) ignored: ${unknown.join(', ')}` });
  const usable = out.rua.filter((r) => r.usable);
  if (errors.length === 0 && ruaFields > 0 && usable.length === 0) {
    notes.push({ code: 'TLSRPT_NO_USABLE_RUA', message: 'no rua URI is a usable mailto: or https: destination' });
  }
  if (domain && errors.length === 0) {
    const external = usable.filter((r) => {
      const host = (r.mailbox ? r.mailbox.slice(r.mailbox.lastIndexOf('@') + 1) : r.host ?? '').toLowerCase();
      return host !== domain && !host.endsWith(`.${domain}`);
    });
    if (external.length > 0) notes.push({ code: 'TLSRPT_EXTERNAL_RUA', message: `reports go outside ${domain}: ${external.map((r) => r.uri).join(', ')}` });
  }
  out.findings.push(...errors, ...notes);
  return errors.length === 0 && usable.length > 0;
}

/** One rua element: absolute URI (RFC 3986) with `!`, `,`, `;` percent-encoded; then judged by scheme. */
function destination(raw: string, offset: number, problems: RuaProblems, errors: ParserFinding[], notes: ParserFinding[]): RuaDestination | undefined {
  const uri = trimWsp(raw);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  // Syntax is RFC 3986's (the record's ABNF takes any URI); the WHATWG parser, stricter for schemes such as
  // ftp: (a port above 65535, an empty host), only reads the two schemes reports can be sent to.
  const syntactic = !!scheme && uri.length <= 2048 && !/[\s!;]/.test(uri) && isRfc3986Uri(uri);
  const parsed = syntactic && (scheme === 'mailto' || scheme === 'https') ? parseUrl(uri) : undefined;
  if (!scheme || !syntactic || ((scheme === 'mailto' || scheme === 'https') && !parsed)) {
    problems.add(errors, 'TLSRPT_RUA_URI_INVALID', () => `rua element ${JSON.stringify(uri.slice(0, 80))} is not an absolute URI with ",", "!" and ";" percent-encoded`, uri, offset);
    return undefined;
  }
  if (!parsed) {
    problems.add(notes, 'TLSRPT_RUA_SCHEME_UNSUPPORTED', () => `${uri}: scheme "${scheme}" is not mailto: or https:`, uri);
    return { uri, scheme, usable: false };
  }
  if (scheme === 'mailto') {
    const address = safeDecode(parsed.pathname);
    const at = address.lastIndexOf('@');
    const ok = at > 0 && address.indexOf('@') === at && LOCAL_PART.test(address.slice(0, at)) && isHostname(address.slice(at + 1)) && address.slice(at + 1).includes('.');
    if (!ok) {
      problems.add(notes, 'TLSRPT_RUA_MAILTO_INVALID', () => `${uri} does not carry exactly one valid e-mail address`, uri);
      return { uri, scheme, usable: false };
    }
    return { uri, scheme, usable: true, mailbox: address };
  }
  if (scheme === 'https') {
    const host = parsed.hostname.replace(/\.$/, '');
    if (!host) {
      problems.add(errors, 'TLSRPT_RUA_URI_INVALID', () => `${uri} has no host`, uri, offset);
      return undefined;
    }
    return { uri, scheme, usable: true, host };
  }
  return undefined; // not reached: every other scheme was judged above
}

/**
 * RFC 3986 §3 at the character level: scheme ":" then only URI characters (unreserved, sub-delims, gen-delims),
 * each "%" followed by two hex digits, at most one "#". A linear scan, no regex backtracking.
 */
function isRfc3986Uri(uri: string): boolean {
  const colon = uri.indexOf(':');
  if (colon <= 0 || !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(uri.slice(0, colon))) return false;
  let hashes = 0;
  for (let i = colon + 1; i < uri.length; i++) {
    const c = uri[i]!;
    if (c === '%') {
      if (!isHex(uri[i + 1]) || !isHex(uri[i + 2])) return false;
      i += 2;
    } else if (c === '#') {
      if (++hashes > 1) return false;
    } else if (!URI_CHARS.has(c)) return false;
  }
  return true;
}

const URI_CHARS = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?[]");
const isHex = (c: string | undefined) => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

function parseUrl(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
