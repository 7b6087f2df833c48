import type { TagGroup } from '../../shared/ipc';
import type { TagFilter } from '../../shared/tags';

interface Props {
  tag: TagFilter | undefined;
  tags: TagGroup[];
  onChange(tag: TagFilter | undefined): void;
  /** The first option, for "no tag filter". */
  anyLabel: string;
  /** Prefix of the selects' accessible names, e.g. "Filter" or "Export". */
  label: string;
}

/**
 * A tag and one of its values, with each value's domain count: the results table's tag filter and the export's.
 * Picking a tag selects its most common value; '' stands for the rows without that tag.
 */
export function TagFilterSelects({ tag, tags, onChange, anyLabel, label }: Props) {
  if (tags.length === 0) return null;
  const group = tag && tags.find((g) => g.name === tag.name);
  return (
    <>
      <select aria-label={`${label} by tag`} value={tag?.name ?? ''}
        onChange={(e) => onChange(e.target.value ? { name: e.target.value, value: tags.find((g) => g.name === e.target.value)?.values[0]?.value ?? '' } : undefined)}>
        <option value="">{anyLabel}</option>
        {tags.map((g) => <option key={g.name} value={g.name}>{g.name}</option>)}
      </select>
      {tag && (
        <select aria-label={`${tag.name} value`} value={tag.value} onChange={(e) => onChange({ name: tag.name, value: e.target.value })}>
          {(group?.values ?? [{ value: tag.value, count: 0 }]).map((v) => <option key={v.value} value={v.value}>{v.value === '' ? `(no ${tag.name})` : v.value} ({v.count})</option>)}
        </select>
      )}
    </>
  );
}
