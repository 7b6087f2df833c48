/** One row as a reader delivers it, before any judgement: the format-specific part of an import ends here. */
export interface RawRow {
  /** 1-based row number in the file or sheet (rows that do not appear are blank). */
  row: number;
  /** Displayed text of each cell, column 1 first. */
  cells: string[];
  /** XLSX: hyperlink targets by column, when a cell is a link. */
  links?: (string | undefined)[];
  /** CSV: the line could not be split into cells. */
  broken?: { text: string; reason: string };
}
