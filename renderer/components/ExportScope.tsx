import type { TagGroup } from '../../shared/ipc';
import { tagFilterText, type TagFilter } from '../../shared/tags';
import { formatInt } from '../format';
import { TagFilterSelects } from './TagFilterSelects';

interface Props {
  tag: TagFilter | undefined;
  tags: TagGroup[];
  /** Domains audited so far: what an unfiltered export holds. */
  audited: number;
  onChange(tag: TagFilter | undefined): void;
}

/** Which domains the exports hold: all of them, or those with one tag value (one owner's workbook). */
export function ExportScope({ tag, tags, audited, onChange }: Props) {
  if (tags.length === 0) return null;
  const count = tag && tags.find((g) => g.name === tag.name)?.values.find((v) => v.value === tag.value)?.count;
  return (
    <section className="card export-scope" aria-label="Domains in the exports">
      <h2>Domains in the exports</h2>
      <div className="filters">
        <TagFilterSelects tag={tag} tags={tags} onChange={onChange} anyLabel="All domains" label="Export" />
        {tag && <button type="button" className="btn btn-quiet" onClick={() => onChange(undefined)}>All domains</button>}
      </div>
      <p className="muted" role="status">
        {tag
          ? <>Only the <strong>{formatInt(count ?? 0)}</strong> of {formatInt(audited)} audited domains {tag.value === '' ? '' : 'tagged '}<strong>{tagFilterText(tag)}</strong>; each file&apos;s summary says so.</>
          : <>All {formatInt(audited)} audited domains. Choose a tag to hand one owner their own files.</>}
      </p>
    </section>
  );
}
