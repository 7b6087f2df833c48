/** The error for a file whose only sheet (or every sheet) could not be read, naming what the user can choose instead. */
import { ImportError, quoteList } from '../../import-error';
import type { SheetResult } from './read-sheet';

type Unread = Exclude<SheetResult, { kind: 'read' }>;

export function sheetError(result: Unread, where: string, column: string | undefined): ImportError {
  if (result.kind === 'empty') return new ImportError('EMPTY', `${where} has no rows with content`);
  const choices = result.columns.length > 0 ? ` (columns: ${quoteList(result.columns)}, or a number from 1 to ${result.columns.length})` : '';
  if (result.problem === 'unknown-column') return new ImportError('UNKNOWN_COLUMN', `${where} has no column "${column}"${choices}`);
  return new ImportError('NO_DOMAIN_COLUMN', `no column in ${where} holds domains, e-mail addresses or URLs; choose the domain column${choices}`);
}
