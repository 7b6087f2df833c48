/** Tells an XLSX (a ZIP) from text by its first bytes, and names the usual wrong files so the error can say what they are. */
import { ImportError } from '../import-error';

export type FileKind = 'zip' | 'text';

const SIGNATURES: { bytes: number[]; what: string }[] = [
  // OLE2 compound file: Excel 97–2003 .xls, and also any password-protected .xlsx.
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Excel (.xls) or password-protected workbook; save it as .xlsx without a password, or as CSV' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'an RTF document' },
];

/** Throws NOT_A_TABLE for known non-table formats; text is checked further while it is decoded. */
export function fileKind(head: Buffer, name: string): FileKind {
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'zip';
  for (const sig of SIGNATURES) {
    if (sig.bytes.every((b, i) => head[i] === b)) throw new ImportError('NOT_A_TABLE', `${name} is ${sig.what}, not a CSV or XLSX file`);
  }
  // A workbook is always a ZIP package: one named .xlsx that is not is damaged, not a CSV to guess columns in.
  if (/\.xls[xm]$/i.test(name)) {
    throw new ImportError('NOT_A_TABLE', `${name} is not a valid Excel workbook (it is damaged, or not really an .xlsx file); open it in Excel and save it again as .xlsx or CSV`);
  }
  return 'text';
}
