import { useState } from 'preact/hooks';
import { copyPlaywrightTest } from '../export/playwright-copy';
import type { ReplayActions } from '../replay/actions';
import { InterceptPanel } from '../intercept/InterceptPanel';
import { MockBar } from '../mock/MockBar';
import type { MockStore } from '../mock/store';
import type { InterceptStore } from '../intercept/store';
import type { PanelStores } from '../store';
import type { ComposerActions, PanelContext } from '../store/composer-actions';
import { positionOf, type TimelinePacket } from '../store/timeline';
import { Composer } from './Composer';
import { EmptyState } from './EmptyState';
import { ErrorBoundary } from './ErrorBoundary';
import { EventCounts } from './EventCounts';
import { FilterBar } from './FilterBar';
import { PacketDetails, type DetailsTab } from './PacketDetails';
import { ReplayBar } from './ReplayBar';
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

/** A key pressed in a field that Escape clears first (a search box with text in it). */
function clearsOnEscape(target: EventTarget | null): boolean {
  const input = target as Partial<HTMLInputElement> | null;
  return input?.tagName === 'INPUT' && input.type === 'search' && input.value !== '';
}

/** The timeline of the shown entries, or the empty state before any traffic: re-renders on its own when they change. */
function ShownTimeline(props: {
  stores: PanelStores;
  context: PanelContext;
  onSelect: (entry: TimelinePacket) => void;
  onKeyDown: (event: KeyboardEvent) => void;
}) {
  const { stores, context, onSelect, onKeyDown } = props;
  const shown = stores.shown.value;
  if (shown.total === 0 && stores.capture.imported.value === undefined)
    return <EmptyState onReload={() => context.reloadInspectedPage()} />;
  return (
    <Timeline
      shown={shown}
      selected={stores.timeline.selected.value}
      columns={stores.columns}
      onSelect={onSelect}
      onKeyDown={onKeyDown}
    />
  );
}

/**
 * The decoded view: sessions, event counts, the filtered timeline, the composer and the selected packet's details,
 * each in its own error boundary. Keyboard as DevTools': ↑/↓ move through the rows (the details follow), Enter opens
 * the details, Esc closes them.
 */
interface Props {
  stores: PanelStores;
  context: PanelContext;
  composer: ComposerActions;
  replay: ReplayActions;
  intercept: InterceptStore;
  mocks?: MockStore;
  /** The details' tab (kept by the App while the views switch). */
  detailsTab: DetailsTab;
  onDetailsTab: (tab: DetailsTab) => void;
}

export function PacketsView(props: Props) {
  const { stores, context, composer, replay, intercept, mocks, detailsTab, onDetailsTab } = props;
  const { timeline } = stores;
  const selected = timeline.selected.value;
  const [detailsOpen, setDetailsOpen] = useState(true);
  const select = (entry: TimelinePacket) => {
    timeline.selected.value = entry;
    setDetailsOpen(true);
  };
  const onGridKey = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return; // a key for the header's resizers
    if (event.key === 'Enter' && selected) setDetailsOpen(true);
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const next = neighbour(stores, event.key === 'ArrowDown' ? 1 : -1);
      if (next) timeline.selected.value = next;
    } else return;
    event.preventDefault();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !detailsOpen || !selected) return;
    if (clearsOnEscape(event.target)) return;
    setDetailsOpen(false);
    document.querySelector<HTMLElement>('[role="grid"][aria-label="Packets"]')?.focus();
  };
  return (
    <div class="workspace" onKeyDown={onKeyDown}>
      <div class="sidebar">
        <ErrorBoundary name="Sessions">
          <SessionList stores={stores} />
        </ErrorBoundary>
        <ErrorBoundary name="Event counts">
          <EventCounts stores={stores} />
        </ErrorBoundary>
      </div>
      <section class="packets" aria-label="Timeline">
        <FilterBar stores={stores} />
        <ErrorBoundary name="Traffic strip">
          <TrafficStrip stores={stores} />
        </ErrorBoundary>
        <ErrorBoundary name="Timeline">
          <ShownTimeline stores={stores} context={context} onSelect={select} onKeyDown={onGridKey} />
        </ErrorBoundary>
        {/* The tools below the timeline scroll within at most 40% of its height, so the rows keep the rest. */}
        <div class="packet-tools">
          <ErrorBoundary name="Composer">
            <Composer stores={stores} actions={composer} />
          </ErrorBoundary>
          <ErrorBoundary name="Replay">
            <ReplayBar stores={stores} replay={replay} onCopyTest={() => void copyPlaywrightTest(stores)} />
          </ErrorBoundary>
          {mocks && (
            <ErrorBoundary name="Mock server">
              <MockBar store={mocks} />
            </ErrorBoundary>
          )}
          <ErrorBoundary name="Breakpoints">
            <InterceptPanel store={intercept} />
          </ErrorBoundary>
        </div>
      </section>
      {selected && detailsOpen && (
        <ErrorBoundary key={selected.index} name="Details">
          <PacketDetails
            timeline={timeline}
            entry={selected}
            onSelect={select}
            composer={composer}
            tab={detailsTab}
            onTab={onDetailsTab}
            onClose={() => setDetailsOpen(false)}
          />
        </ErrorBoundary>
      )}
    </div>
  );
}
