import type { CaptureStore, CapturedRow } from '../store/capture';
import { useThrottled } from './use-throttled';
import { describeRecord, formatTime } from '../format';

/** The most rows rendered at once, newest last, until the virtualized timeline replaces this list. */
const MAX_RENDERED_ROWS = 2000;
const RENDER_INTERVAL_MS = 100;

function Row({ row }: { row: CapturedRow }) {
  if (row.kind === 'navigation') {
    return (
      <tr class="navigation">
        <td class="time">{formatTime(row.time)}</td>
        <td colSpan={4} class="data">Navigated to {row.url}</td>
      </tr>
    );
  }
  const { record } = row;
  return (
    <tr class={`record ${record.kind} ${record.kind === 'frame' ? record.direction : ''}`} data-frame-id={row.frameId}>
      <td class="time">{formatTime(record.time)}</td>
      <td class="direction">{record.kind === 'frame' ? (record.direction === 'sent' ? '↑' : '↓') : ''}</td>
      <td class="transport">{record.transport}</td>
      <td class="connection">{record.connection}</td>
      <td class="data">{describeRecord(record)}</td>
    </tr>
  );
}

/** The raw frames of the inspected tab, one row each, in time order. */
export function FrameList({ store }: { store: CaptureStore }) {
  useThrottled(store.revision, RENDER_INTERVAL_MS); // re-render when rows change, a few times a second at most
  const rows = store.rows.length > MAX_RENDERED_ROWS ? store.rows.slice(-MAX_RENDERED_ROWS) : store.rows;
  if (rows.length === 0) return <p class="empty">No Socket.IO traffic captured yet.</p>;
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
      <tbody>
        {rows.map((row) => (
          <Row key={row.key} row={row} />
        ))}
      </tbody>
    </table>
  );
}
