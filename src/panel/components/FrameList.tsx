import { WORKER_FRAME_ID } from '../../messages';
import type { CaptureStore, CapturedRow } from '../store/capture';
import { useThrottled } from './use-throttled';
import { useVirtualWindow } from './use-virtual-window';
import { describeGap, describeRecord, formatTime } from '../format';
import { RENDER_INTERVAL_MS } from '../throttle';

/** The height of a row (panel.css): rows are virtualized, only those in view are rendered. */
const ROW_HEIGHT = 19;

const frameName = (frameId: number) =>
  frameId === 0 ? 'top' : frameId === WORKER_FRAME_ID ? 'worker' : String(frameId);

/** `position` is the row's place in the list: it gives assistive technology the row's index (the header's is 1). */
function Row({ row, position }: { row: CapturedRow; position: number }) {
  const rowIndex = position + 2;
  if (row.kind === 'navigation') {
    return (
      <tr class="navigation" aria-rowindex={rowIndex}>
        <td class="time">{formatTime(row.time)}</td>
        <td colSpan={5} class="data">
          Navigated to {row.url}
        </td>
      </tr>
    );
  }
  if (row.kind === 'gap') {
    return (
      <tr class="gap" aria-rowindex={rowIndex}>
        <td class="time">{formatTime(row.time)}</td>
        <td colSpan={5} class="data">
          {describeGap(row.gap, row.notKept)}
        </td>
      </tr>
    );
  }
  const { record } = row;
  return (
    <tr class={`record ${record.kind}`} aria-rowindex={rowIndex}>
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
  const { viewport, onScroll, first, last } = useVirtualWindow<HTMLDivElement>(rows.length, ROW_HEIGHT, revision);
  if (rows.length === 0) return <p class="empty">No Socket.IO traffic captured yet.</p>;
  // The rows are striped by the body's background (panel.css), from the row's place among every row of the capture
  // (released ones included): rows keep their class as they scroll by or the oldest go, so a render restyles none.
  const body = {
    paddingTop: `${first * ROW_HEIGHT}px`,
    paddingBottom: `${(rows.length - last) * ROW_HEIGHT}px`,
    backgroundPositionY: `${(releasedRows % 2) * ROW_HEIGHT}px`,
  };
  return (
    // Focusable, so that the keyboard scrolls it (its rows hold nothing to focus).
    <div class="frames-viewport" ref={viewport} onScroll={onScroll} tabIndex={0} role="region" aria-label="Raw frames">
      <table class="frames" aria-label="Captured frames" aria-rowcount={rows.length + 1}>
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
            <Row key={offset} row={row} position={first + offset} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
