/** What an import produces: the result types (their home is shared/, as the preview shows them), and the read options. */
export type { DomainsFile, ImportedRow, RejectedRow, SkippedSheet } from '../../../../shared/domains-file';

export interface ReadOptions {
  /** Header name (case-insensitive) or 1-based column number. */
  column?: string;
  /** Sheet name (exact, else case-insensitive), 1-based sheet number, or 'all sheets'. XLSX only. */
  sheet?: string;
}
