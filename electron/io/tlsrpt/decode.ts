/**
 * From bytes to validated reports: sniffs what a file holds (gzip, JSON, an mbox, one e-mail message),
 * inflates with bounds, parses and validates each report. Every report found, or the reason it was
 * rejected, comes back as one item naming where it came from.
 */
import zlib from 'node:zlib';
import { TLSRPT_LIMITS as L } from './limits';
import { MimeError, reportAttachments, splitMbox } from './mime';
import { validateReport, type TlsRptReport } from './schema';

export type ImportItem = { source: string; report: TlsRptReport; error?: undefined } | { source: string; report?: undefined; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

/** Inflates one gzip payload, stopping at the bound: a bomb is refused, never inflated in full. */
export function inflateBounded(data: Buffer): Buffer {
  if (data.length > L.compressedBytes) throw new Error(`compressed report larger than ${mb(L.compressedBytes)}`);
  try {
    return zlib.gunzipSync(data, { maxOutputLength: L.reportJsonBytes });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw new Error(`inflates to more than ${mb(L.reportJsonBytes)} (a compression bomb, or not a TLS-RPT report)`);
    if (code === 'Z_BUF_ERROR') throw new Error('gzip data is truncated');
    throw new Error(`gzip data is damaged (${(e as Error).message.slice(0, 80)})`);
  }
}

/** One report's JSON bytes → a validated report, or why not. */
export function reportFromJson(bytes: Buffer): { ok: true; report: TlsRptReport } | { ok: false; reason: string } {
  if (bytes.length > L.reportJsonBytes) return { ok: false, reason: `report JSON larger than ${mb(L.reportJsonBytes)}` };
  let text: string;
  try {
    text = utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { ok: false, reason: 'not UTF-8 text (RFC 8259 §8.1)' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `malformed JSON: ${(e as Error).message.slice(0, 120)}` };
  }
  const v = validateReport(value);
  return v.ok ? v : { ok: false, reason: `not an RFC 8460 report: ${v.reason}` };
}

function fromPayload(data: Buffer, source: string): ImportItem {
  try {
    const r = reportFromJson(isGzip(data) ? inflateBounded(data) : data);
    return r.ok ? { source, report: r.report } : { source, error: r.reason };
  } catch (e) {
    return { source, error: (e as Error).message };
  }
}

function fromMessage(message: Buffer, source: string): ImportItem[] {
  let parts;
  try {
    parts = reportAttachments(message);
  } catch (e) {
    return [{ source, error: e instanceof MimeError ? `e-mail: ${e.message}` : `e-mail could not be read: ${(e as Error).message}` }];
  }
  if (parts.length === 0) return [{ source, error: 'e-mail without a TLS-RPT attachment (application/tlsrpt+gzip or +json)' }];
  return parts.map((p, i) => fromPayload(p.body, parts.length > 1 ? `${source} (attachment ${i + 1})` : source));
}

/** Everything in one file's bytes, whatever the file is. */
export function reportsFromBytes(data: Buffer, source: string): ImportItem[] {
  if (data.length === 0) return [{ source, error: 'empty file' }];
  if (isGzip(data)) return [fromPayload(data, source)];
  const head = data.subarray(0, 64).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return [fromPayload(data, source)];
  if (head.startsWith('From ')) {
    let messages: Buffer[];
    try {
      messages = splitMbox(data);
    } catch (e) {
      return [{ source, error: `mbox: ${(e as Error).message}` }];
    }
    return messages.flatMap((m, i) => fromMessage(m, `${source} (message ${i + 1})`));
  }
  if (/^[!-9;-~]+:/.test(head)) return fromMessage(data, source);
  return [{ source, error: 'neither a TLS-RPT report (JSON or gzip) nor an e-mail message' }];
}
