import { formatTime } from '../format';
import { formatSize } from '../format-packet';
import type { EventStats } from '../store/timeline';

/** How often each event was seen, most frequent first; clicking one filters the timeline to it. */
export function EventCounts({
  events,
  onPick,
}: {
  revision: number;
  events: ReadonlyMap<string, EventStats>;
  onPick: (name: string) => void;
}) {
  const rows = [...events.values()].sort((a, b) => b.count - a.count);
  if (rows.length === 0) return null;
  return (
    <table class="event-counts" aria-label="Events">
      <thead>
        <tr>
          <th>Event</th>
          <th>Count</th>
          <th>Bytes</th>
          <th>Last seen</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((stats) => (
          <tr key={stats.name} onClick={() => onPick(stats.name)}>
            <td class="event-name">{stats.name}</td>
            <td>{stats.count}</td>
            <td>{formatSize(stats.bytes)}</td>
            <td>{formatTime(stats.lastSeen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
