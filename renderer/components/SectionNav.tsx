/** Links to the sections of a long page; each moves the view (and focus) to its section. */
export function SectionNav({ sections }: { sections: { id: string; label: string }[] }) {
  const go = (id: string) => {
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
  };
  return (
    <nav className="section-nav" aria-label="Sections">
      {sections.map((s) => <button key={s.id} type="button" className="section-link" onClick={() => go(s.id)}>{s.label}</button>)}
    </nav>
  );
}

/** Scrolls to the first of `ids` present on the page and gives it focus; false when none is. */
export function scrollToFirst(ids: string[]): boolean {
  for (const id of ids) {
    const el = document.getElementById(id);
    if (!el) continue;
    if (el instanceof HTMLDetailsElement) el.open = true;
    el.closest('details')?.setAttribute('open', '');
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
    el.classList.add('flash');
    window.setTimeout(() => el.classList.remove('flash'), 1600);
    return true;
  }
  return false;
}
