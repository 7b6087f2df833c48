import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Column<T> {
  key: string;
  label: string;
  /** A CSS grid track, e.g. `minmax(200px, 2fr)` or `110px`. */
  width: string;
  /** The sort key sent to the backend; columns without one are not sortable. */
  sort?: string;
  align?: 'right';
  /** Header tooltip: what the column counts when the label alone does not say. */
  hint?: string;
  /** Left out while the grid is narrower than this many pixels (1024-px windows): the rest stays whole. */
  hideBelow?: number;
  render(row: T): ReactNode;
}

interface Props<T> {
  label: string;
  columns: Column<T>[];
  count: number;
  rowAt(index: number): T | undefined;
  /** Called with the visible index range (plus overscan) whenever it or `version` changes. */
  onRange?(start: number, end: number): void;
  version?: number;
  onOpen?(row: T, index: number): void;
  sort?: string;
  desc?: boolean;
  onSort?(key: string): void;
  rowHeight?: number;
  /** The row to start on (scrolled into view), e.g. the one opened before coming back. */
  initialActive?: number;
  onActiveChange?(index: number): void;
  /** Take keyboard focus when shown (returning to the list). */
  autoFocus?: boolean;
}

const HEADER_H = 34;

/**
 * A keyboard-usable virtual grid: only the rows in view are in the DOM, so 50,000 rows scroll smoothly.
 * ↑/↓, PgUp/PgDn, Home/End move the active row; Enter or Space opens it. Sortable headers are buttons.
 */
/** The element's width, kept current as the window is resized (0 before the first layout). */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

export function VirtualTable<T>(props: Props<T>) {
  const { label, columns: allColumns, count, rowAt, onRange, version, onOpen, sort, desc, onSort, rowHeight = 36, initialActive = 0, onActiveChange, autoFocus } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useWidth(scrollRef);
  const columns = allColumns.filter((c) => c.hideBelow === undefined || width === 0 || width >= c.hideBelow);
  const [active, setActiveState] = useState(initialActive);
  const virtualizer = useVirtualizer({
    count, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 16,
    scrollMargin: HEADER_H, scrollPaddingStart: HEADER_H,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const template = columns.map((c) => c.width).join(' ');
  const setActive = (i: number) => {
    setActiveState(i);
    onActiveChange?.(i);
  };

  useEffect(() => {
    if (count > 0) onRange?.(first, last);
  }, [first, last, count, version, onRange]);
  // Clamped once rows exist: before the first page arrives count is 0, and the remembered row must survive it.
  useEffect(() => { if (count > 0) setActiveState((a) => Math.min(a, count - 1)); }, [count]);
  // Once, when rows first arrive: bring the remembered row into view (and focus, when asked).
  const placed = useRef(false);
  useEffect(() => {
    if (placed.current || count === 0) return;
    placed.current = true;
    if (active > 0) virtualizer.scrollToIndex(Math.min(active, count - 1), { align: 'center' });
    if (autoFocus) scrollRef.current?.focus({ preventScroll: true });
  }, [count, active, autoFocus, virtualizer]);

  const move = (to: number) => {
    const i = Math.max(0, Math.min(count - 1, to));
    setActive(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };
  const open = () => {
    const row = rowAt(active);
    if (row) onOpen?.(row, active);
  };
  const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
  const onKeyDown = (e: KeyboardEvent) => {
    // Keys pressed on a header button belong to that button (Enter/Space sort).
    if (e.target !== e.currentTarget) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1), ArrowUp: () => move(active - 1), PageDown: () => move(active + page),
      PageUp: () => move(active - page), Home: () => move(0), End: () => move(count - 1), Enter: open, ' ': open,
    };
    const act = keys[e.key];
    if (act && count > 0) {
      e.preventDefault();
      act();
    }
  };

  return (
    <div className="vtable" ref={scrollRef} role="grid" aria-label={label} aria-rowcount={count + 1} tabIndex={0} onKeyDown={onKeyDown}
      aria-activedescendant={count > 0 ? `${label}-row-${active}` : undefined}>
      <div className="vtable-header" role="row" style={{ gridTemplateColumns: template, height: HEADER_H }}>
        {columns.map((c) => (
          <div key={c.key} role="columnheader" className={c.align === 'right' ? 'right' : undefined} title={c.hint}
            aria-sort={c.sort && c.sort === sort ? (desc ? 'descending' : 'ascending') : undefined}>
            {c.sort && onSort ? (
              <button type="button" className="sort-button" onClick={() => onSort(c.sort!)}>
                {c.label}
                <span aria-hidden="true" className="sort-mark">{c.sort === sort ? (desc ? '▼' : '▲') : ''}</span>
              </button>
            ) : c.label}
          </div>
        ))}
      </div>
      <div className="vtable-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          return (
            <div key={item.key} id={`${label}-row-${item.index}`} role="row" aria-rowindex={item.index + 2} aria-selected={item.index === active}
              className={`vtable-row${item.index === active ? ' active' : ''}${item.index % 2 ? ' odd' : ''}`}
              style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.start - HEADER_H}px)` }}
              onClick={() => { setActive(item.index); if (row) onOpen?.(row, item.index); }}>
              {row
                ? columns.map((c) => <div key={c.key} role="gridcell" className={c.align === 'right' ? 'right' : undefined}>{c.render(row)}</div>)
                : <div role="gridcell" className="placeholder-cell">Loading…</div>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
