import type { PanelStores } from '../store';
import type { ComposerActions } from '../store/composer-actions';
import { positionOf } from '../store/filters';
import type { TimelinePacket } from '../store/timeline';
import { Composer } from './Composer';
import { ErrorBoundary } from './ErrorBoundary';
import { EventCounts } from './EventCounts';
import { FilterBar } from './FilterBar';
import { PacketDetails } from './PacketDetails';
import { SessionList } from './SessionList';
import { Timeline } from './Timeline';
import { TrafficStrip } from './TrafficStrip';

/** The packet after (or before) the selected one in the shown list, skipping markers. */
function neighbour(stores: PanelStores, step: 1 | -1): TimelinePacket | undefined {
  const { entries } = stores.shown.value;
  const selected = stores.timeline.selected.value;
  let at = selected ? positionOf(entries, selected.index) : -1;
  if (selected && entries[at] !== selected) at = -1;
  for (at += step; at >= 0 && at < entries.length; at += step) {
    const entry = entries[at];
    if (entry.kind === 'packet') return entry;
  }
  return undefined;
}

/** The timeline of the shown entries: re-renders on its own when they change. */
function ShownTimeline({ stores, onSelect }: { stores: PanelStores; onSelect: (entry: TimelinePacket) => void }) {
  return <Timeline shown={stores.shown.value} selected={stores.timeline.selected.value} onSelect={onSelect} />;
}

/**
 * The decoded view: sessions, event counts, the filtered timeline, the composer and the selected packet's details,
 * each in its own error boundary. Each view derives what it shows from the stores' signals, so it re-renders when
 * the timeline decoded a batch (see decodeAsCaptured) or a filter changed.
 */
export function PacketsView({ stores, composer }: { stores: PanelStores; composer: ComposerActions }) {
  const { timeline } = stores;
  const selected = timeline.selected.value;
  const select = (entry: TimelinePacket) => (timeline.selected.value = entry);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const next = neighbour(stores, event.key === 'ArrowDown' ? 1 : -1);
    if (next) select(next);
  };
  return (
    <div class="workspace">
      <div class="sidebar">
        <ErrorBoundary name="Sessions">
          <SessionList stores={stores} />
        </ErrorBoundary>
        <ErrorBoundary name="Event counts">
          <EventCounts stores={stores} />
        </ErrorBoundary>
      </div>
      <section class="packets" aria-label="Timeline" onKeyDown={onKeyDown} tabIndex={0}>
        <FilterBar stores={stores} />
        <ErrorBoundary name="Traffic strip">
          <TrafficStrip stores={stores} />
        </ErrorBoundary>
        <ErrorBoundary name="Timeline">
          <ShownTimeline stores={stores} onSelect={select} />
        </ErrorBoundary>
        <ErrorBoundary name="Composer">
          <Composer stores={stores} actions={composer} />
        </ErrorBoundary>
      </section>
      {selected && (
        <ErrorBoundary key={selected.index} name="Details">
          <PacketDetails timeline={timeline} entry={selected} onSelect={select} composer={composer} />
        </ErrorBoundary>
      )}
    </div>
  );
}
