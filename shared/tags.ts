/**
 * Tags: the extra columns of an imported list, kept with each domain. Their names and values come from the
 * client's file and are untrusted. Two consequences, handled here once for the workbook, the PDF and the UI:
 *
 * - A name may be any string, "__proto__", "constructor" and "toString" included. On a plain object,
 *   `tags[name]` for a name the row lacks returns what Object.prototype inherits (a function, or the
 *   prototype itself), which broke the workbook and blanked the renderer. Values are read with tagValue only.
 * - Their number is unbounded across a run (each sheet or row may bring other columns), while a spreadsheet has
 *   16,384 columns and a table on screen far fewer. Only the first MAX_TAG_COLUMNS names get a column each.
 */

/** Tag names shown as their own column; more would exceed Excel's 16,384 columns and help no reader. */
export const MAX_TAG_COLUMNS = 200;

/** The row's value for tag `name`, from the row's own properties only; undefined when the row has none. */
export function tagValue(tags: Readonly<Record<string, string>>, name: string): string | undefined {
  if (!Object.hasOwn(tags, name)) return undefined;
  const v: unknown = tags[name];
  return typeof v === 'string' ? v : undefined;
}

/** The names that get a column, and how many are left over. */
export function capTagNames(names: readonly string[], max = MAX_TAG_COLUMNS): { shown: string[]; hidden: number } {
  return { shown: names.slice(0, max), hidden: Math.max(0, names.length - max) };
}

/**
 * The row's tags that have no column of their own (`name: value; …`), for one "Other tags" cell; `shown`
 * holds the names that do have one.
 */
export function otherTagsText(tags: Readonly<Record<string, string>>, shown: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const name of Object.keys(tags)) {
    const value = tagValue(tags, name);
    if (value !== undefined && !shown.has(name)) parts.push(`${name}: ${value}`);
  }
  return parts.join('; ');
}

/** A filter on one tag: rows whose tag `name` holds exactly `value`; '' selects the rows without that tag. */
export interface TagFilter { name: string; value: string }

/** The filter as people read it: `owner = Sales`, or `without owner` for the value ''. */
export function tagFilterText(f: TagFilter): string {
  return f.value === '' ? `without ${f.name}` : `${f.name} = ${f.value}`;
}

/**
 * The export's scope line: "Domains tagged owner = Sales: 12 of 40" (imported rows, audited or not);
 * "Domains without owner: 3 of 40" for the value ''.
 */
export function tagScopeText(f: TagFilter, matched: number, of: number): string {
  const which = f.value === '' ? `Domains without ${f.name}` : `Domains tagged ${f.name} = ${f.value}`;
  return `${which}: ${matched.toLocaleString('en-GB')} of ${of.toLocaleString('en-GB')}`;
}
