import { useRef, type KeyboardEvent } from 'react';
import { formatInt } from '../format';

export interface TabItem<K extends string> {
  key: K;
  label: string;
  count: number;
}

interface Props<K extends string> {
  label: string;
  tabs: TabItem<K>[];
  selected: K;
  onSelect(key: K): void;
}

/**
 * A segmented tab list: Tab reaches the selected tab, ←/→ (and Home/End) move between tabs and select them,
 * Enter or Space select the focused one.
 */
export function DirectionTabs<K extends string>({ label, tabs, selected, onSelect }: Props<K>) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.key === selected);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length]!;
    onSelect(next.key);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[tabs.indexOf(next)]?.focus();
  };
  return (
    <div className="segmented" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button key={t.key} type="button" role="tab" aria-selected={selected === t.key} tabIndex={selected === t.key ? 0 : -1}
          className={selected === t.key ? 'active' : ''} onClick={() => onSelect(t.key)}>
          {t.label} <span className="seg-count">{formatInt(t.count)}</span>
        </button>
      ))}
    </div>
  );
}
