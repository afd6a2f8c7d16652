import { useMemo } from 'preact/hooks';
import { boundedText, NAME_CHARS } from '../bounded';
import { formatTime } from '../format';
import { formatSize } from '../format-packet';
import type { PanelStores } from '../store';
import { MAX_EVENT_NAMES, type EventStats } from '../store/event-counts';
import { formatCount } from '../../count-text';
import { SUMMARY_INTERVAL_MS } from '../throttle';
import { useThrottled } from './use-throttled';

function StatsRow({ stats, label, onPick }: { stats: EventStats; label: string; onPick?: () => void }) {
  return (
    <tr>
      <th scope="row" class="event-name" title={boundedText(stats.name, NAME_CHARS)}>
        {onPick ? (
          <button type="button" class="link" onClick={onPick}>
            {label}
          </button>
        ) : (
          label
        )}
      </th>
      <td>{formatCount(stats.count)}</td>
      <td>{formatSize(stats.bytes)}</td>
      <td>{stats.lastSeen ? formatTime(stats.lastSeen) : ''}</td>
    </tr>
  );
}

/**
 * How often each event was seen: the most frequent names (or those matching the search), and how many names there are.
 * Picking one sets the event quick filter to it.
 */
export function EventCounts({ stores }: { stores: PanelStores }) {
  // The counts follow the traffic a few times a second (SUMMARY_INTERVAL_MS), a search at once.
  const revision = useThrottled(stores.timeline.revision, SUMMARY_INTERVAL_MS);
  const query = stores.eventQuery.value;
  const { rows, matches, names, other } = useMemo(() => stores.eventTable.peek(), [stores, revision, query]);
  if (names === 0 && other.count === 0) return null;
  const total = `${formatCount(names)}${other.count > 0 ? '+' : ''} event name${names === 1 ? '' : 's'}`;
  const summary = query.trim() ? `${formatCount(matches)} of ${total} match` : total;
  return (
    <section class="event-counts" aria-label="Events">
      <div class="event-counts-bar">
        <input
          type="search"
          aria-label="Search events"
          placeholder="Search events"
          value={query}
          onInput={(event) => (stores.eventQuery.value = event.currentTarget.value)}
        />
        <span class="count" role="status" aria-live="off" aria-label="Event names">
          {summary}
          {rows.length < matches ? ` (top ${formatCount(rows.length)} shown)` : ''}
        </span>
      </div>
      <table aria-label="Event counts">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Count</th>
            <th scope="col">Bytes</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((stats) => (
            <StatsRow
              key={stats.name}
              stats={stats}
              label={boundedText(stats.name, NAME_CHARS)}
              onPick={() => (stores.filters.event.value = stats.name)}
            />
          ))}
          {other.count > 0 && !query.trim() && (
            <StatsRow stats={other} label={`Names past the first ${formatCount(MAX_EVENT_NAMES)}`} />
          )}
        </tbody>
      </table>
    </section>
  );
}
