import type { ComponentChildren } from 'preact';

export interface TabSpec<T extends string> {
  id: T;
  name: string;
}

interface Props<T extends string> {
  /** The tab list's accessible name. */
  label: string;
  /** Prefix of the tabs' and panels' element ids (unique in the page). */
  idPrefix: string;
  tabs: readonly TabSpec<T>[];
  selected: T;
  onSelect: (id: T) => void;
  /** Put before the tabs, in the same strip (a close button). */
  before?: ComponentChildren;
  children: ComponentChildren;
}

/**
 * Tabs as WAI-ARIA describes them: one tab stop, ←/→ (Home/End) move between tabs and show them, and the panel is
 * labelled by its tab.
 */
export function Tabs<T extends string>({ label, idPrefix, tabs, selected, onSelect, before, children }: Props<T>) {
  const move = (event: KeyboardEvent) => {
    const at = tabs.findIndex((tab) => tab.id === selected);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    onSelect(next.id);
    document.getElementById(`${idPrefix}-tab-${next.id}`)?.focus();
  };
  return (
    <>
      <div class="tab-strip">
        {before}
        <div role="tablist" aria-label={label} onKeyDown={move}>
          {tabs.map((tab) => (
            <button
              type="button"
              role="tab"
              key={tab.id}
              id={`${idPrefix}-tab-${tab.id}`}
              aria-selected={tab.id === selected}
              aria-controls={`${idPrefix}-panel`}
              tabIndex={tab.id === selected ? 0 : -1}
              onClick={() => onSelect(tab.id)}
            >
              {tab.name}
            </button>
          ))}
        </div>
      </div>
      <div role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${selected}`} class="tab-panel">
        {children}
      </div>
    </>
  );
}
