/** `import:preview`: parse a file, keep its rows under a token, return what the user needs to check. */
import type { ImportPreview, ParsedInput } from '../../shared/ipc';
import { SHEET_TAG } from '../../shared/import-sheets';
import { tagValue } from '../../shared/tags';
import type { HandlerContext, Implementations } from './context';
import { HandlerError } from './errors';
import { IMPORT_CACHE_BYTES } from './import-cache';
import { importBytes, readSource, sameSource, sourceName, type DomainsFile, type ImportSource } from './import-source';
import { ImportError } from '../io/read-domains';

/** Enough rows to judge the column choice; the rest stay in the backend process. */
const PREVIEW_ROWS = 200;
const PREVIEW_REJECTS = 200;

function toSource(ctx: HandlerContext, source: ParsedInput<'import:preview'>['source']): ImportSource {
  switch (source.kind) {
    case 'token': {
      const cached = ctx.imports.get(source.token);
      if (!cached) throw new HandlerError('EXPIRED', 'this import is no longer available; open the file again');
      return cached.source;
    }
    case 'path':
      if (!ctx.granted.check('read', source.path)) throw new HandlerError('PATH_NOT_ALLOWED', 'only a file chosen in the open dialog can be imported');
      return { kind: 'path', path: source.path };
    case 'bytes':
      return { kind: 'bytes', name: source.name, bytes: Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength) };
  }
}

/**
 * Tag columns of the preview. With several sheets read, the importer tags each row with its sheet; the
 * preview already shows that as the row's `sheet`, so the tag is listed only when it says something else
 * (a sheet with its own "sheet" column).
 */
function tagNames(parsed: DomainsFile): string[] {
  const names = new Set<string>();
  for (const r of parsed.rows) for (const k of Object.keys(r.tags)) names.add(k);
  const sheetTagRepeats = parsed.rows.every((r) => {
    const tag = tagValue(r.tags, SHEET_TAG);
    return r.sheet !== undefined && (tag === undefined || tag === r.sheet);
  });
  if (sheetTagRepeats && parsed.rows.length > 0) names.delete(SHEET_TAG);
  return [...names];
}

/**
 * Keeps the parse under its token. A file read again (its token, or the same path opened again) keeps its token,
 * and the new parse replaces the old one, which is what a token should name: the preview the user last saw.
 */
function keep(ctx: HandlerContext, request: ParsedInput<'import:preview'>['source'], source: ImportSource, parsed: DomainsFile): string {
  const fileName = sourceName(source);
  const token = request.kind === 'token' ? request.token : ctx.imports.find((e) => sameSource(e.source, source));
  const bytes = importBytes(source, parsed);
  const kept = ctx.imports.put({ fileName, source, parsed }, bytes, token);
  if (kept) return kept;
  const mb = (n: number) => Math.ceil(n / 1048576);
  throw new HandlerError('IMPORT_FAILED', `${fileName} is too large to hold for an audit in the app (about ${mb(bytes)} MB once read; the limit is ${mb(IMPORT_CACHE_BYTES)} MB): split the list into several files, or audit it with the command line`, 'TOO_LARGE');
}

export function importHandlers(ctx: HandlerContext): Implementations<'import:preview'> {
  return {
    async 'import:preview'({ source, sheet, column }) {
      const src = toSource(ctx, source);
      let parsed: DomainsFile;
      try {
        parsed = await readSource(src, { sheet, column });
      } catch (err) {
        // The importer's own code travels with the reply (IpcError.reason); anything else it threw has none.
        const reason = err instanceof ImportError ? err.code : undefined;
        throw new HandlerError('IMPORT_FAILED', `could not read ${sourceName(src)}: ${err instanceof Error ? err.message : String(err)}`, reason);
      }
      const fileName = sourceName(src);
      const token = keep(ctx, source, src, parsed);
      const preview: ImportPreview = {
        token, fileName, format: parsed.format, sheet: parsed.sheet, sheets: parsed.sheets,
        ...(parsed.skippedSheets ? { skippedSheets: parsed.skippedSheets } : {}), delimiter: parsed.delimiter,
        encoding: parsed.encoding, headerRow: parsed.headerRow, domainColumn: parsed.domainColumn, columns: parsed.columns,
        rowCount: parsed.rows.length, rejectCount: parsed.rejects.length,
        rows: parsed.rows.slice(0, PREVIEW_ROWS), rejects: parsed.rejects.slice(0, PREVIEW_REJECTS), tagNames: tagNames(parsed),
      };
      return preview;
    },
  };
}
