import type { CaptureStore, CapturedRow } from '../store/capture';
import { useThrottled } from './use-throttled';
import { useVirtualWindow } from './use-virtual-window';
import { describeGap, describeRecord, formatTime } from '../format';

/** The height of a row (panel.css): rows are virtualized, only those in view are rendered. */
const ROW_HEIGHT = 19;
const RENDER_INTERVAL_MS = 100;

/**
 * `position` is the row's place in the capture: it stripes the rows (not `:nth-child`, which would change as the window
 * scrolls) and gives assistive technology the row's index in the whole table (the header row is the first).
 */
function Row({ row, position }: { row: CapturedRow; position: number }) {
  const stripe = position % 2 === 1 ? ' odd' : '';
  const rowIndex = position + 2;
  if (row.kind === 'navigation') {
    return (
      <tr class={`navigation${stripe}`} aria-rowindex={rowIndex}>
        <td class="time">{formatTime(row.time)}</td>
        <td colSpan={4} class="data">
          Navigated to {row.url}
        </td>
      </tr>
    );
  }
  if (row.kind === 'gap') {
    return (
      <tr class={`gap${stripe}`} aria-rowindex={rowIndex} data-frame-id={row.frameId}>
        <td class="time">{formatTime(row.time)}</td>
        <td colSpan={4} class="data">
          {describeGap(row.gap, row.notKept)}
        </td>
      </tr>
    );
  }
  const { record } = row;
  return (
    <tr
      class={`record ${record.kind} ${record.kind === 'frame' ? record.direction : ''}${stripe}`}
      aria-rowindex={rowIndex}
      data-frame-id={row.frameId}
    >
      <td class="time">{formatTime(record.time)}</td>
      <td class="direction">{record.kind === 'frame' ? (record.direction === 'sent' ? '↑' : '↓') : ''}</td>
      <td class="transport">{record.transport}</td>
      <td class="connection">{record.connection}</td>
      <td class="data">{describeRecord(record)}</td>
    </tr>
  );
}

/**
 * The raw frames of the inspected tab, one row each, in time order, virtualized like the timeline: however fast
 * records come, a render makes only the rows in view, and it follows the newest until the user scrolls up.
 */
export function FrameList({ store }: { store: CaptureStore }) {
  const revision = useThrottled(store.revision, RENDER_INTERVAL_MS); // a few renders a second at most
  const { rows } = store;
  const { viewport, onScroll, first, last } = useVirtualWindow<HTMLDivElement>(rows.length, ROW_HEIGHT, revision);
  if (rows.length === 0) return <p class="empty">No Socket.IO traffic captured yet.</p>;
  const hidden = { paddingTop: `${first * ROW_HEIGHT}px`, paddingBottom: `${(rows.length - last) * ROW_HEIGHT}px` };
  return (
    <div class="frames-viewport" ref={viewport} onScroll={onScroll}>
      <table class="frames" aria-label="Captured frames" aria-rowcount={rows.length + 1}>
        <thead>
          <tr>
            <th>Time</th>
            <th>Dir</th>
            <th>Transport</th>
            <th>Connection</th>
            <th>Data</th>
          </tr>
        </thead>
        <tbody style={hidden}>
          {rows.slice(first, last).map((row, offset) => (
            <Row key={row.key} row={row} position={first + offset} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
