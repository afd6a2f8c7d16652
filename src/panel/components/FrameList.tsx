import type { CaptureStore, CapturedRow } from '../store/capture';
import { useThrottled } from './use-throttled';
import { describeRecord, formatTime } from '../format';

/** The most rows rendered at once, newest last, until the virtualized timeline replaces this list. */
const MAX_RENDERED_ROWS = 2000;
const RENDER_INTERVAL_MS = 100;

/** `odd` stripes the rows by their place in the capture (not by `:nth-child`, which restyles every row each time the oldest rows leave the list). */
function Row({ row, odd }: { row: CapturedRow; odd: boolean }) {
  const stripe = odd ? ' odd' : '';
  if (row.kind === 'navigation') {
    return (
      <tr class={`navigation${stripe}`}>
        <td class="time">{formatTime(row.time)}</td>
        <td colSpan={4} class="data">Navigated to {row.url}</td>
      </tr>
    );
  }
  const { record } = row;
  return (
    <tr class={`record ${record.kind} ${record.kind === 'frame' ? record.direction : ''}${stripe}`} data-frame-id={row.frameId}>
      <td class="time">{formatTime(record.time)}</td>
      <td class="direction">{record.kind === 'frame' ? (record.direction === 'sent' ? '↑' : '↓') : ''}</td>
      <td class="transport">{record.transport}</td>
      <td class="connection">{record.connection}</td>
      <td class="data">{describeRecord(record)}</td>
    </tr>
  );
}

/** Rows are rendered in blocks of this many: a render diffs the blocks that changed, not every row on screen. */
const BLOCK_ROWS = 100;

/**
 * Rows [from, to) of the capture. `rows` is mutated in place, so a block re-renders only when its range or the
 * capture's `layout` changes: a full block that is still in view never does.
 */
function RowBlock({ rows, from, to }: { rows: readonly CapturedRow[]; layout: number; from: number; to: number }) {
  return <>{rows.slice(from, to).map((row, offset) => <Row key={row.key} row={row} odd={(from + offset) % 2 === 1} />)}</>;
}

/** The raw frames of the inspected tab, one row each, in time order. */
export function FrameList({ store }: { store: CaptureStore }) {
  useThrottled(store.revision, RENDER_INTERVAL_MS); // re-render when rows change, a few times a second at most
  const { rows, layout } = store;
  if (rows.length === 0) return <p class="empty">No Socket.IO traffic captured yet.</p>;
  const start = Math.max(0, rows.length - MAX_RENDERED_ROWS);
  const blocks = [];
  for (let block = start - (start % BLOCK_ROWS); block < rows.length; block += BLOCK_ROWS) {
    blocks.push(<RowBlock key={block} rows={rows} layout={layout} from={Math.max(block, start)} to={Math.min(block + BLOCK_ROWS, rows.length)} />);
  }
  return (
    <table class="frames" aria-label="Captured frames">
      <thead>
        <tr>
          <th>Time</th>
          <th>Dir</th>
          <th>Transport</th>
          <th>Connection</th>
          <th>Data</th>
        </tr>
      </thead>
      <tbody>{blocks}</tbody>
    </table>
  );
}
