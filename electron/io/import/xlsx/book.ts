/** The shape both XLSX readers (whole-workbook and streaming) deliver: sheet names up front, then sheets in order. */
import type { RawRow } from '../rows/raw-row';

export interface XlsxSheet {
  name: string;
  rows: AsyncIterable<RawRow>;
}

export interface XlsxBook {
  /** Every worksheet name, in workbook (tab) order. */
  names: string[];
  sheets: AsyncIterable<XlsxSheet>;
  /** Stops reading (stream reader: closes the file). */
  close(): void;
}
