/**
 * A small MIME reader (RFC 2045/2046) for the one thing a TLS-RPT mail carries: the report as an attachment
 * (RFC 8460 §5.3). It walks multipart nesting (bounded in depth and count), decodes base64 and
 * quoted-printable bodies, and returns the parts that can hold a report. Headers are read, never acted on.
 */
import { TLSRPT_LIMITS as L } from './limits';

export interface MimeAttachment {
  contentType: string;
  filename?: string;
  body: Buffer;
}

export class MimeError extends Error {
  override name = 'MimeError';
}

interface Headers {
  get(name: string): string | undefined;
}

/** Splits at the first empty line; headers unfolded (RFC 5322 §2.2.3), names lower-cased. */
function splitHeaders(raw: Buffer): { headers: Headers; body: Buffer } {
  const text = raw.toString('latin1');
  const m = /\r?\n\r?\n/.exec(text);
  const headText = m ? text.slice(0, m.index) : text;
  const body = m ? raw.subarray(m.index + m[0].length) : Buffer.alloc(0);
  const map = new Map<string, string>();
  for (const line of headText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!map.has(name)) map.set(name, line.slice(i + 1).trim());
  }
  return { headers: { get: (n) => map.get(n) }, body };
}

/** `type/subtype; a=b; c="d"` → the lower-cased type and its parameters (quoted strings unescaped). */
export function parseParams(value: string | undefined): { value: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  if (!value) return { value: '', params };
  const semi = value.indexOf(';');
  const head = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const re = /;\s*([^=\s;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const name = m[1]!.toLowerCase().replace(/\*$/, '');
    if (!params.has(name)) params.set(name, m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!);
  }
  return { value: head, params };
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out[n++] = parseInt(text.slice(i + 1, i + 3), 16);
      i += 2;
    } else out[n++] = c & 0xff;
  }
  return out.subarray(0, n);
}

function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').trim().toLowerCase()) {
    case 'base64': return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable': return decodeQuotedPrintable(body);
    case '7bit': case '8bit': case 'binary': return body;
    default: throw new MimeError(`unknown Content-Transfer-Encoding "${encoding!.slice(0, 40)}"`);
  }
}

/** The body parts between `--boundary` lines; the preamble and epilogue are dropped (RFC 2046 §5.1.1). */
function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  if (boundary.length === 0 || boundary.length > 70) throw new MimeError('multipart boundary missing or longer than 70 characters');
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let start = -1;
  let closed = false;
  let pos = 0;
  while (pos <= text.length) {
    const eol = text.indexOf('\n', pos);
    const lineEnd = eol < 0 ? text.length : eol;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '').trimEnd();
    if (line === delimiter || line === `${delimiter}--`) {
      if (start >= 0) {
        // The CRLF before a delimiter belongs to the delimiter.
        let end = pos;
        if (text[end - 1] === '\n') end--;
        if (text[end - 1] === '\r') end--;
        parts.push(body.subarray(start, Math.max(start, end)));
        if (parts.length > L.mimeParts) throw new MimeError(`more than ${L.mimeParts} MIME parts`);
      }
      if (line.endsWith('--') && line !== delimiter) {
        closed = true;
        break;
      }
      start = lineEnd + 1;
    }
    if (eol < 0) break;
    pos = eol + 1;
  }
  if (start < 0) throw new MimeError('multipart body without its boundary');
  // A message cut off before the closing delimiter: keep the last part; its decoding will tell if it is whole.
  if (!closed && start < text.length) parts.push(body.subarray(start));
  return parts;
}

function filenameOf(headers: Headers): string | undefined {
  const fromDisposition = parseParams(headers.get('content-disposition')).params.get('filename');
  const fromType = parseParams(headers.get('content-type')).params.get('name');
  return fromDisposition ?? fromType;
}

/** Could this part be a report? By media type (RFC 8460 §5.3, §6.4/§6.5) or, failing that, by file name. */
function looksLikeReport(contentType: string, filename: string | undefined): boolean {
  if (contentType === 'application/tlsrpt+gzip' || contentType === 'application/tlsrpt+json') return true;
  if (['application/gzip', 'application/x-gzip', 'application/json', 'application/octet-stream'].includes(contentType)) {
    return filename === undefined ? contentType !== 'application/octet-stream' : /\.(json|gz|json\.gz)$/i.test(filename);
  }
  return false;
}

/** Every attachment of one message that may hold a TLS-RPT report, in order. */
export function reportAttachments(message: Buffer): MimeAttachment[] {
  const found: MimeAttachment[] = [];
  let seen = 0;
  const walk = (raw: Buffer, depth: number) => {
    if (++seen > L.mimeParts) throw new MimeError(`more than ${L.mimeParts} MIME parts`);
    const { headers, body } = splitHeaders(raw);
    const type = parseParams(headers.get('content-type') ?? 'text/plain');
    if (type.value.startsWith('multipart/')) {
      if (depth >= L.mimeDepth) throw new MimeError(`multipart nested deeper than ${L.mimeDepth} levels`);
      for (const part of splitMultipart(body, type.params.get('boundary') ?? '')) walk(part, depth + 1);
      return;
    }
    if (type.value === 'message/rfc822') {
      if (depth >= L.mimeDepth) throw new MimeError(`messages nested deeper than ${L.mimeDepth} levels`);
      walk(decodeBody(body, headers.get('content-transfer-encoding')), depth + 1);
      return;
    }
    const filename = filenameOf(headers);
    if (!looksLikeReport(type.value, filename)) return;
    found.push({ contentType: type.value, ...(filename !== undefined ? { filename } : {}), body: decodeBody(body, headers.get('content-transfer-encoding')) });
  };
  walk(message, 0);
  return found;
}

/** Splits an mbox (RFC 4155) at its "From " separator lines; un-escapes mboxrd ">From " lines. */
export function splitMbox(data: Buffer): Buffer[] {
  const text = data.toString('latin1');
  const starts: number[] = [];
  const re = /(^|\n)From [^\n]*\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    starts.push(m.index + m[1]!.length, m.index + m[0].length);
    if (starts.length / 2 > L.mboxMessages) throw new MimeError(`more than ${L.mboxMessages} messages in one mbox`);
  }
  const out: Buffer[] = [];
  for (let i = 0; i < starts.length; i += 2) {
    const end = i + 2 < starts.length ? starts[i + 2]! : text.length;
    out.push(Buffer.from(text.slice(starts[i + 1]!, end).replace(/^>(>*From )/gm, '$1'), 'latin1'));
  }
  return out;
}
