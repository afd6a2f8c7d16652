import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, type ColumnSpec, type ColumnStore } from '../store/columns';

/** Pixels an arrow key resizes a column by (Shift: four times as much). */
const KEY_STEP = 8;

/**
 * The right edge of a column header: drag it, or focus it and press ←/→, to resize the column (a WAI-ARIA window
 * splitter: a focusable separator whose value is the width).
 */
function Resizer({ column, columns }: { column: ColumnSpec; columns: ColumnStore }) {
  // The drag is followed on the document, so that it goes on wherever the pointer goes.
  const onPointerDown = (event: PointerEvent) => {
    const startX = event.clientX;
    const startWidth = column.width;
    event.preventDefault();
    event.stopPropagation();
    const move = (moved: PointerEvent) => columns.resize(column.id, startWidth + moved.clientX - startX);
    const stop = () => {
      document.removeEventListener('pointermove', move);
      document.removeEventListener('pointerup', stop);
      document.removeEventListener('pointercancel', stop);
    };
    document.addEventListener('pointermove', move);
    document.addEventListener('pointerup', stop);
    document.addEventListener('pointercancel', stop);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    const by = { ArrowLeft: -step, ArrowRight: step }[event.key];
    if (by === undefined) return;
    event.preventDefault();
    columns.resize(column.id, column.width + by);
  };
  return (
    <span
      class="resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${column.title}`}
      aria-valuenow={column.width}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}

interface Props {
  columns: ColumnStore;
  /** Opens the columns menu at a point of the viewport. */
  onMenu: (at: { x: number; y: number }) => void;
}

/**
 * The header row: a column header per shown column, each with its resizer (the header is named by its title alone,
 * not by its resizer's name as well). Its context menu (right click, Shift+F10 or
 * the context-menu key on a resizer) chooses the columns and how Time reads.
 */
export function TimelineHeader({ columns, onMenu }: Props) {
  const onContextMenu = (event: MouseEvent) => {
    event.preventDefault();
    onMenu({ x: event.clientX, y: event.clientY });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey))) return;
    event.preventDefault();
    const box = (event.target as HTMLElement).getBoundingClientRect();
    onMenu({ x: box.left, y: box.bottom });
  };
  return (
    <div class="timeline-header" role="row" aria-rowindex={1} onContextMenu={onContextMenu} onKeyDown={onKeyDown}>
      {columns.shown.value.map((column) => (
        <span
          key={column.id}
          class={`cell ${column.id}`}
          role="columnheader"
          aria-labelledby={`column-title-${column.id}`}
          title={`${column.description} (right-click to choose columns)`}
        >
          <span class="header-title" id={`column-title-${column.id}`}>
            {column.title}
          </span>
          <Resizer column={column} columns={columns} />
        </span>
      ))}
    </div>
  );
}
