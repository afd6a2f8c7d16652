import { WORKER_FRAME_ID } from '../../messages';
import type { CaptureStore, CapturedRow } from '../store/capture';
import { useThrottled } from './use-throttled';
import { useVirtualWindow } from './use-virtual-window';
import { describeGap, describeRecord, formatTime } from '../format';
import { RENDER_INTERVAL_MS } from '../throttle';

/** The height of a row (panel.css): rows are virtualized, only those in view are rendered. */
const ROW_HEIGHT = 19;
/** The height of the header: a row and its 1px bottom border (panel.css). */
const HEADER_HEIGHT = ROW_HEIGHT + 1;

const frameName = (frameId: number) =>
  frameId === 0 ? 'top' : frameId === WORKER_FRAME_ID ? 'worker' : String(frameId);

/**
 * `number` is the row's place among every row of the capture (released ones included): it stripes the rows (not
 * `:nth-child`, which would change as the window scrolls or the oldest rows go). `position` is its place in the list:
 * it gives assistive technology the row's index (the header's is 1).
 */
function Row({ row, number, position }: { row: CapturedRow; number: number; position: number }) {
  const stripe = number % 2 === 1 ? ' odd' : '';
  const rowIndex = position + 2;
  if (row.kind === 'navigation') {
    return (
      <tr class={`navigation${stripe}`} aria-rowindex={rowIndex}>
        <td class="time">{formatTime(row.time)}</td>
        <td colSpan={5} class="data">
          Navigated to {row.url}
        </td>
      </tr>
    );
  }
  if (row.kind === 'gap') {
    return (
      <tr class={`gap${stripe}`} aria-rowindex={rowIndex}>
        <td class="time">{formatTime(row.time)}</td>
        <td colSpan={5} class="data">
          {describeGap(row.gap, row.notKept)}
        </td>
      </tr>
    );
  }
  const { record } = row;
  return (
    <tr class={`record ${record.kind}${stripe}`} aria-rowindex={rowIndex}>
      <td class="time">{formatTime(record.time)}</td>
      <td class={record.kind === 'frame' ? `direction ${record.direction}` : 'direction'}>
        {record.kind === 'frame' ? (record.direction === 'sent' ? '↑' : '↓') : ''}
      </td>
      <td class="transport">{record.transport}</td>
      <td class="frame">{frameName(row.frameId)}</td>
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
  const { rows, releasedRows } = store;
  const { viewport, onScroll, first, last } = useVirtualWindow<HTMLDivElement>(
    rows.length,
    ROW_HEIGHT,
    revision,
    releasedRows,
  );
  if (rows.length === 0) return <p class="empty">No Socket.IO traffic captured yet.</p>;
  // The table is as tall as every row, and the rows in view are moved to their place by a transform: a render that
  // scrolls the window changes no box's size (padding above and below the rows resized the body at every render).
  const table = { height: `${HEADER_HEIGHT + rows.length * ROW_HEIGHT}px` };
  const body = { transform: `translateY(${first * ROW_HEIGHT}px)` };
  return (
    // Focusable, so that the keyboard scrolls it (its rows hold nothing to focus).
    <div class="frames-viewport" ref={viewport} onScroll={onScroll} tabIndex={0} role="region" aria-label="Raw frames">
      <table class="frames" aria-label="Captured frames" aria-rowcount={rows.length + 1} style={table}>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Direction</th>
            <th scope="col">Transport</th>
            <th scope="col">Frame</th>
            <th scope="col">Connection</th>
            <th scope="col">Data</th>
          </tr>
        </thead>
        <tbody style={body}>
          {rows.slice(first, last).map((row, offset) => (
            // Keyed by place in the window: as rows scroll by or come in, each <tr> stays and only its text changes.
            <Row key={offset} row={row} number={releasedRows + first + offset} position={first + offset} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
