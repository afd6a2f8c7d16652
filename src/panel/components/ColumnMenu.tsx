import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { COLUMNS, type ColumnStore, type TimeMode } from '../store/columns';

interface Item {
  role: 'menuitemcheckbox' | 'menuitemradio' | 'menuitem';
  label: string;
  checked?: boolean;
  title?: string;
  run: () => void;
}

function items(columns: ColumnStore): Item[][] {
  const { shown, time } = columns.settings.value;
  const timeItem = (mode: TimeMode, label: string, title: string): Item => ({
    role: 'menuitemradio',
    label,
    title,
    checked: time === mode,
    run: () => columns.setTimeMode(mode),
  });
  return [
    COLUMNS.map((column) => ({
      role: 'menuitemcheckbox',
      label: column.title,
      title: column.description,
      checked: shown.includes(column.id),
      run: () => columns.toggle(column.id),
    })),
    [
      timeItem('absolute', 'Absolute time', 'Time reads the time of day'),
      timeItem('relative', 'Time since first packet', 'Time reads the seconds since the first packet kept'),
    ],
    [{ role: 'menuitem', label: 'Reset columns', run: () => columns.reset() }],
  ];
}

interface Props {
  columns: ColumnStore;
  at: { x: number; y: number };
  onClose: () => void;
}

/**
 * The Packets header's context menu, as DevTools' (a WAI-ARIA menu): a checkbox per column, the Time column's mode,
 * and Reset. ↑/↓ (Home/End) move, Enter or Space picks and closes, Esc, Tab or a click elsewhere closes; focus goes
 * back where it was.
 */
export function ColumnMenu({ columns, at, onClose }: Props) {
  const menu = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    menu.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    return () => opener?.focus?.();
  }, []);
  useEffect(() => {
    const away = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [onClose]);
  const pick = (item: Item) => {
    item.run();
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const all = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);
    const at = all.indexOf(document.activeElement as HTMLElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (to !== undefined) all[(to + all.length) % all.length]?.focus();
    else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  // Kept inside the window: a menu opened near the right or bottom edge opens to the left or upwards.
  const style = {
    left: `${Math.max(0, Math.min(at.x, window.innerWidth - 200))}px`,
    top: `${Math.max(0, Math.min(at.y, window.innerHeight - 320))}px`,
  };
  return (
    <div ref={menu} class="context-menu" role="menu" aria-label="Columns" style={style} onKeyDown={onKeyDown}>
      {items(columns).flatMap((group, index) => [
        ...(index > 0 ? [<div key={`separator${index}`} class="menu-separator" role="separator" />] : []),
        <div key={index} role="group">
          {group.map((item) => (
            <div
              key={item.label}
              role={item.role}
              aria-checked={item.role === 'menuitem' ? undefined : item.checked}
              tabIndex={-1}
              title={item.title}
              onClick={() => pick(item)}
              onKeyDown={(event) => {
                if (event.key !== 'Enter' && event.key !== ' ') return;
                event.preventDefault();
                pick(item);
              }}
            >
              <span class="menu-check" aria-hidden="true">
                {item.checked ? '✓' : ''}
              </span>
              {item.label}
            </div>
          ))}
        </div>,
      ])}
    </div>
  );
}
