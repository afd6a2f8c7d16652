import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { columnRules, gridWidth, type ColumnStore } from '../store/columns';
import type { ShownEntries } from '../store/filters';
import { positionOf, type TimelinePacket } from '../store/timeline';
import { columnCapacity, measureCharWidth } from './cell-fit';
import { ColumnMenu } from './ColumnMenu';
import { TimelineHeader } from './TimelineHeader';
import { MarkerRow, PacketRow, ROW_HEIGHT, rowId, type RowContext } from './TimelineRow';
import { useVirtualWindow } from './use-virtual-window';

export { ROW_HEIGHT };

interface Props {
  shown: ShownEntries;
  selected: TimelinePacket | undefined;
  columns: ColumnStore;
  onSelect: (packet: TimelinePacket) => void;
  /** Keys pressed in the grid (↑/↓, Enter, Esc: the Packets view's). */
  onKeyDown?: (event: KeyboardEvent) => void;
}

/**
 * The decoded packets, one row each, with markers between them, under resizable column headers. Virtualized: only
 * the rows in view are in the DOM, so a million packets scroll as smoothly as ten. It follows new packets while
 * scrolled to the bottom, and stops following once the user scrolls up. The grid itself is the scrolling, focusable
 * element; the selected row is its active descendant.
 */
export function Timeline({ shown, selected, columns, onSelect, onKeyDown }: Props) {
  const { entries } = shown;
  const [menu, setMenu] = useState<{ x: number; y: number } | undefined>(undefined);
  // `shown` is new whenever the list changed (which may be appended to in place): it tells the window so.
  const { viewport, element, onScroll, reveal, first, last } = useVirtualWindow<HTMLDivElement>(
    entries.length,
    ROW_HEIGHT,
    shown,
  );
  /** The widest character of the rows' font, px, once the grid is laid out (see cell-fit.ts). */
  const [charPx, setCharPx] = useState(0);
  useLayoutEffect(() => {
    if (element) setCharPx(measureCharWidth(element));
  }, [element]);
  useEffect(() => {
    if (!element || !selected) return;
    const position = positionOf(entries, selected.index);
    // Below the header row, as tall as a row.
    if (entries[position] === selected) reveal(position, ROW_HEIGHT);
  }, [element, selected]);
  const shownColumns = columns.shown.value;
  const context: RowContext = {
    columns: shownColumns.map((column) => column.id),
    // The column that takes the width left over is at least its width.
    capacity: Object.fromEntries(shownColumns.map(({ id, width }) => [id, columnCapacity(width, charPx)])),
    timeMode: columns.settings.value.time,
    origin: shown.origin,
  };
  const visible = entries.slice(first, last);
  const style = { '--grid-width': `${gridWidth(shownColumns)}px` };
  return (
    <div class="timeline-frame">
      <style>{columnRules('.timeline', shownColumns)}</style>
      <div
        class="timeline"
        role="grid"
        aria-label="Packets"
        aria-rowcount={entries.length + 1}
        aria-colcount={shownColumns.length}
        aria-activedescendant={
          selected && entries[positionOf(entries, selected.index)] === selected ? rowId(selected) : undefined
        }
        tabIndex={0}
        style={style}
        ref={viewport}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        <div class="timeline-head" role="rowgroup">
          <TimelineHeader columns={columns} onMenu={setMenu} />
        </div>
        <div class="timeline-body" role="rowgroup" style={{ height: `${entries.length * ROW_HEIGHT}px` }}>
          {/* Keyed by place in the window: as rows scroll by or come in, each row element stays, its text changes. */}
          {visible.map((entry, offset) =>
            entry.kind === 'packet' ? (
              <PacketRow
                key={offset}
                entry={entry}
                previous={entries[first + offset - 1]}
                position={first + offset}
                selected={entry === selected}
                context={context}
                onSelect={onSelect}
              />
            ) : (
              <MarkerRow key={offset} entry={entry} position={first + offset} context={context} />
            ),
          )}
        </div>
      </div>
      {entries.length === 0 && shown.total > 0 && (
        <p class="no-match" role="status">
          No packets match the filters.
        </p>
      )}
      {menu && <ColumnMenu columns={columns} at={menu} onClose={() => setMenu(undefined)} />}
    </div>
  );
}
