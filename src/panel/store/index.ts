import { computed, signal } from '@preact/signals';
import { DEFAULT_SETTINGS, type Settings } from '../../settings/schema';
import { createTrafficIndex } from '../traffic';
import { createCaptureStore, type RecordsBefore } from './capture';
import { createColumnStore } from './columns';
import { createComposerStore } from './composer';
import { createFilterStore, createShownEntries } from './filters';
import { createProblemsStore } from './problems';
import { createTimelineStore } from './timeline';

/** Time buckets of the traffic strip. */
export const TRAFFIC_BUCKETS = 120;

/**
 * All the panel's state: small stores of signals (the raw capture, its decoded timeline, the filters, the composer,
 * which list is shown), and what views show, derived from them with `computed`: every derived value follows
 * `timeline.revision`, bumped once per decoded batch, so views re-render at the decoding pace.
 */
export function createPanelStores(readHeld: () => RecordsBefore = () => new Map()) {
  const capture = createCaptureStore();
  const timeline = createTimelineStore();
  const filters = createFilterStore();
  /** The event-count table's search. */
  const eventQuery = signal('');
  const trafficOf = createTrafficIndex();
  return {
    capture,
    timeline,
    /**
     * Reads what the bridge holds unread while the page floods (flood-hold.ts) into the capture: before what changes
     * how records are taken in (clear, pause, preserve log, import), so that those records land before the change.
     * Returns what came before now but is still on its way (a held flood the page's relay kept: see RecordsBefore).
     */
    readHeld,
    filters,
    /** The Packets table's columns, remembered in the panel page's localStorage. */
    columns: createColumnStore(),
    composer: createComposerStore(),
    problems: createProblemsStore(),
    view: signal<'packets' | 'frames' | 'problems'>('packets'),
    /** A one-line message for the user (the result of an import or export). */
    notice: signal(''),
    eventQuery,
    shown: createShownEntries(timeline, filters),
    sessions: computed(() => (void timeline.revision.value, timeline.tracker.sessions.slice())),
    traffic: computed(() => (void timeline.revision.value, trafficOf(timeline.entries, TRAFFIC_BUCKETS))),
    /** The most frequent event names, for the event quick filter. */
    eventNames: computed(() => (void timeline.revision.value, timeline.events.top().map((stats) => stats.name))),
    /** The event-count table's rows (the most frequent names, or those matching its search) and totals. */
    eventTable: computed(() => {
      void timeline.revision.value;
      const { events } = timeline;
      const query = eventQuery.value.trim();
      const { rows, matches } = query ? events.search(query) : { rows: events.top(), matches: events.names };
      return { rows, matches, names: events.names, other: { ...events.other } };
    }),
  };
}

export type PanelStores = ReturnType<typeof createPanelStores>;
/** The stores of the capture: what the bridge took in, what it holds, their timeline, and what the panel says of them. */
export type CaptureStores = Pick<PanelStores, 'readHeld' | 'timeline' | 'capture' | 'notice'>;

/**
 * Applies the settings the panel itself obeys: its maximum packets, whether it holds floods, and the ack timeout of
 * the Problems view (a new one runs the rules over the timeline again).
 */
export function applyPanelSettings(stores: PanelStores, settings: Settings): void {
  stores.timeline.maxEntries.value = settings.panelMaxPackets;
  stores.capture.holdFloods.value = settings.holdFloods;
  const { problems } = stores;
  if ((problems.settings.ackTimeoutMs ?? DEFAULT_SETTINGS.ackTimeoutMs) === settings.ackTimeoutMs) return;
  problems.settings.ackTimeoutMs = settings.ackTimeoutMs;
  problems.feed = undefined;
}
