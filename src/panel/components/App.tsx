import { useEffect, useMemo, useRef } from 'preact/hooks';
import { MESSAGE_PROTOCOL_VERSION } from '../../messages';
import { downloadExport } from '../export/download';
import { importCapture } from '../import';
import { applyMessage, clearCapture, loadCapture, type CaptureStore } from '../store/capture';
import { applyFilters, textMatcher, type FilterStore } from '../store/filters';
import type { PanelStores } from '../store';
import { diagnoseAsDecoded } from '../store/problems';
import { decodeAsCaptured, type TimelinePacket } from '../store/timeline';
import type { HistoryStorage } from '../history';
import type { PanelTransport } from '../transport';
import { Composer } from './Composer';
import { EventCounts } from './EventCounts';
import { FrameList } from './FrameList';
import { PacketDetails } from './PacketDetails';
import { ProblemCount, ProblemsView } from './ProblemsView';
import { SessionList } from './SessionList';
import { Timeline } from './Timeline';
import { TrafficStrip } from './TrafficStrip';
import { useThrottled } from './use-throttled';

const RENDER_INTERVAL_MS = 100;
const VIEW_NAMES = { packets: 'Packets', frames: 'Raw frames', problems: 'Problems' } as const;

function FilterBar({ filters, shown, total }: { filters: FilterStore; shown: number; total: number }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        input.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const matcher = textMatcher(filters.text.value);
  return (
    <div class="filter-bar">
      <input
        ref={input}
        type="search"
        aria-label="Filter"
        placeholder="Filter events and arguments (/regex/)"
        value={filters.text.value}
        onInput={(event) => (filters.text.value = event.currentTarget.value)}
      />
      {matcher && 'error' in matcher && <span class="warning">{matcher.error}</span>}
      <select
        aria-label="Direction"
        value={filters.direction.value}
        onChange={(event) => (filters.direction.value = event.currentTarget.value as 'all')}
      >
        <option value="all">Both directions</option>
        <option value="sent">Sent ↑</option>
        <option value="received">Received ↓</option>
      </select>
      <label>
        <input
          type="checkbox"
          checked={filters.hideControl.value}
          onChange={(event) => (filters.hideControl.value = event.currentTarget.checked)}
        />
        Hide control packets
      </label>
      <label>
        <input
          type="checkbox"
          checked={filters.errorsOnly.value}
          onChange={(event) => (filters.errorsOnly.value = event.currentTarget.checked)}
        />
        Errors only
      </label>
      <span class="count" aria-label="Shown packets">
        {shown === total ? `${total} packets` : `${shown} of ${total} packets`}
      </span>
    </div>
  );
}

/** How many records the capture holds, re-read at the render pace. */
function RowCount({ capture }: { capture: CaptureStore }) {
  useThrottled(capture.revision, RENDER_INTERVAL_MS);
  return <span class="count" aria-label="Captured records">{`${capture.rows.length} rows`}</span>;
}

/**
 * The decoded view: sessions, event counts, the filtered timeline, the composer and the selected packet's details.
 * It re-renders when the timeline decoded a batch (see decodeAsCaptured) or a filter changed.
 */
function PacketsView({
  tabId,
  transport,
  stores,
  history,
}: {
  tabId: number;
  transport: PanelTransport;
  stores: PanelStores;
  history: HistoryStorage;
}) {
  const { timeline, filters } = stores;
  // The sessions, events and packets below are mutated in place: `revision` props tell their views they changed
  // (@preact/signals skips re-rendering a component whose props are shallowly equal).
  const revision = timeline.revision.value;
  const selected = timeline.selected.value;
  const filterKey = [
    filters.direction.value,
    filters.hideControl.value,
    filters.errorsOnly.value,
    filters.text.value,
    filters.session.value,
    filters.timeRange.value,
  ];
  const shown = useMemo(() => applyFilters(timeline.packets, filters), [timeline.packets, revision, ...filterKey]);
  const select = (entry: TimelinePacket) => (timeline.selected.value = entry);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const at = selected ? shown.indexOf(selected) : -1;
    const next = shown[Math.min(shown.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) select(next);
  };
  return (
    <div class="workspace">
      <div class="sidebar">
        <SessionList
          revision={revision}
          sessions={timeline.tracker.sessions}
          selected={filters.session.value}
          onSelect={(id) => (filters.session.value = id)}
        />
        <EventCounts revision={revision} events={timeline.events} onPick={(name) => (filters.text.value = name)} />
      </div>
      <section class="packets" onKeyDown={onKeyDown} tabIndex={0}>
        <FilterBar filters={filters} shown={shown.length} total={timeline.packets.length} />
        <TrafficStrip revision={revision} packets={timeline.packets} filters={filters} />
        <Timeline packets={shown} selected={selected} onSelect={select} />
        <Composer
          revision={revision}
          tabId={tabId}
          transport={transport}
          sessions={timeline.tracker.sessions}
          composer={stores.composer}
          history={history}
        />
      </section>
      {selected && (
        <PacketDetails
          timeline={timeline}
          entry={selected}
          onSelect={select}
          actions={{ tabId, transport, sessions: timeline.tracker.sessions, composer: stores.composer, history }}
        />
      )}
    </div>
  );
}

/**
 * The panel attached to one tab: subscribes to its capture (again after every reconnect) and shows it. It renders
 * again only when the toolbar's state changes: the views below follow the capture on their own.
 */
export function App({
  tabId,
  transport,
  stores,
  history,
}: {
  tabId: number;
  transport: PanelTransport;
  stores: PanelStores;
  history: HistoryStorage;
}) {
  const { capture, timeline } = stores;
  useEffect(() => {
    const stop = transport.listen((message) => {
      if (message.version === MESSAGE_PROTOCOL_VERSION && message.type !== 'tabs' && message.tabId === tabId) {
        applyMessage(capture, message);
      }
    });
    const stopConnect = transport.onConnect(() =>
      transport.send({ type: 'subscribe', version: MESSAGE_PROTOCOL_VERSION, tabId }),
    );
    return () => {
      stop();
      stopConnect();
    };
  }, [tabId, transport, capture]);
  useEffect(() => decodeAsCaptured(timeline, capture, RENDER_INTERVAL_MS), [timeline, capture]);
  useEffect(() => diagnoseAsDecoded(stores.problems, timeline, capture), [stores.problems, timeline, capture]);

  const view = stores.view.value;
  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    const result = importCapture(await file.text(), file.name);
    input.value = '';
    if (!result.ok) {
      stores.notice.value = `Import failed: ${result.error}`;
      return;
    }
    loadCapture(capture, result.rows, file.name);
    stores.notice.value = `Imported ${file.name}${result.warnings.length ? ` (${result.warnings.length} warnings: ${result.warnings[0]})` : ''}; Clear returns to the live capture`;
  };
  return (
    <main data-tab-id={tabId} class="app">
      <header class="toolbar">
        <span class="title">Socket.IO</span>
        <button
          type="button"
          aria-pressed={!capture.recording.value}
          onClick={() => (capture.recording.value = !capture.recording.value)}
        >
          {capture.recording.value ? 'Pause' : 'Resume'}
        </button>
        <button type="button" onClick={() => clearCapture(capture)}>
          Clear
        </button>
        <button type="button" onClick={() => downloadExport(capture.rows, stores.problems.diagnoser.list.problems)}>
          Export
        </button>
        <label class="import">
          Import
          <input
            type="file"
            aria-label="Import"
            accept=".json,.har,application/json"
            onChange={(event) => void importFile(event.currentTarget)}
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={capture.preserveLog.value}
            onChange={(event) => (capture.preserveLog.value = event.currentTarget.checked)}
          />
          Preserve log
        </label>
        <span class="views" role="tablist">
          {(['packets', 'frames', 'problems'] as const).map((name) => (
            <button
              type="button"
              role="tab"
              key={name}
              data-view={name}
              aria-selected={view === name}
              onClick={() => (stores.view.value = name)}
            >
              {VIEW_NAMES[name]}
            </button>
          ))}
        </span>
        <ProblemCount problems={stores.problems} onOpen={() => (stores.view.value = 'problems')} />
        <RowCount capture={capture} />
        {capture.dropped.value > 0 && <span class="warning">{capture.dropped.value} malformed records dropped</span>}
        {capture.missing.value > 0 && (
          <span
            class="warning"
            title="The page's backlog keeps its newest records within its limits (extension settings); older ones went before the panel asked for them."
          >
            {capture.missing.value} earlier records not kept (backlog limits)
          </span>
        )}
        {stores.notice.value && (
          <span class="notice" role="status">
            {stores.notice.value}
          </span>
        )}
      </header>
      {view === 'frames' ? (
        <FrameList store={capture} />
      ) : view === 'problems' ? (
        <ProblemsView
          problems={stores.problems}
          timeline={timeline}
          onShowPacket={(entry) => {
            timeline.selected.value = entry;
            stores.view.value = 'packets';
          }}
          onShowSession={(id) => {
            stores.filters.session.value = id;
            stores.view.value = 'packets';
          }}
        />
      ) : (
        <PacketsView tabId={tabId} transport={transport} stores={stores} history={history} />
      )}
    </main>
  );
}
