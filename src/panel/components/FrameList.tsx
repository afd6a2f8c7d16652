import type { CaptureStore } from '../store/capture';
import { describeRecord, formatTime } from '../format';

/** The most rows rendered at once, newest last, until the virtualized timeline replaces this list. */
const MAX_RENDERED_ROWS = 2000;

/** The raw frames of the inspected tab, one row each, in time order. */
export function FrameList({ store }: { store: CaptureStore }) {
  store.revision.value; // re-render when rows are added
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
        {rows.map(({ key, record }) => (
          <tr key={key} class={`record ${record.kind} ${record.kind === 'frame' ? record.direction : ''}`}>
            <td class="time">{formatTime(record.time)}</td>
            <td class="direction">{record.kind === 'frame' ? (record.direction === 'sent' ? '↑' : '↓') : ''}</td>
            <td class="transport">{record.transport}</td>
            <td class="connection">{record.connection}</td>
            <td class="data">{describeRecord(record)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
