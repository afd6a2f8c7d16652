import { useEffect } from 'preact/hooks';
import type { PanelStores } from '../store';
import type { PanelContext } from '../store/composer-actions';
import { addStatus, setRecording } from '../store/capture';
import type { DocumentStatus } from '../../messages';
import { clearPanel, exportCapture, exportHar, importFile } from '../store/file-actions';
import { WorkersSwitch } from '../workers/WorkersSwitch';
import { Checkbox } from './Checkbox';
import { ProblemCount } from './ProblemsView';
import { useThrottled } from './use-throttled';
import { RENDER_INTERVAL_MS } from '../throttle';
import { formatCount } from '../../count-text';
import type { FloodHold } from '../flood-hold';

const VIEW_NAMES = { packets: 'Packets', frames: 'Raw frames', problems: 'Problems' } as const;

/** How many records the capture holds, re-read at the render pace. */
function RowCount({ stores }: { stores: PanelStores }) {
  useThrottled(stores.capture.revision, RENDER_INTERVAL_MS);
  return (
    <span
      class="count"
      role="status"
      aria-live="off"
      aria-label="Captured records"
    >{`${stores.capture.rows.length} rows`}</span>
  );
}

/** What the pages' hooks and relays reported: failures the hook caught (by kind), commands the relay refused. */
function PageStatus({ stores }: { stores: PanelStores }) {
  let all: DocumentStatus | undefined;
  for (const status of stores.capture.status.value.values()) all = addStatus(all, status);
  const errors = Object.entries(all?.captureErrors ?? {}).map(([kind, n]) => [kind, n ?? 0] as const);
  const refused = all?.refusedCommands ?? 0;
  const total = errors.reduce((sum, [, n]) => sum + n, 0);
  const kinds = errors.map(([kind, n]) => `${kind}: ${formatCount(n)}`).join(', ');
  return (
    <>
      {total > 0 && (
        <span class="warning" title={`Failures the capture caught in the page, kept silent to it (${kinds})`}>
          {formatCount(total)} capture errors in the page
        </span>
      )}
      {refused > 0 && (
        <span class="warning" title="Polling posts to a URL that is none of the page's polling sessions">
          {formatCount(refused)} commands refused
        </span>
      )}
    </>
  );
}

/** What the panel left out, each said once with its reason. */
function Warnings({ stores }: { stores: PanelStores }) {
  const { capture, timeline } = stores;
  return (
    <>
      {capture.dropped.value > 0 && <span class="warning">{capture.dropped.value} malformed records dropped</span>}
      {capture.notKept.value > 0 && (
        <span
          class="warning"
          title="Until a panel inspects a tab, its capture keeps each session's beginning and the newest traffic within the idle budget (Settings); markers show where the rest went."
        >
          {formatCount(capture.notKept.value)} records not kept before the panel opened (idle budget)
        </span>
      )}
      {capture.missing.value > 0 && (
        <span class="warning" title="Records the page's relay numbered that never reached the panel.">
          {formatCount(capture.missing.value)} records missing
        </span>
      )}
      {timeline.evicted.value > 0 && (
        <span
          class="warning"
          title={`The panel keeps at most ${formatCount(timeline.maxEntries.value)} packets (Settings: the panel's maximum packets); the oldest go first.`}
        >
          {formatCount(timeline.evicted.value)} oldest packets let go (panel limit)
        </span>
      )}
    </>
  );
}

/** What the flood hold holds, said while the page floods, with the way to see it now. */
function FloodStatus({ flood }: { flood: FloodHold }) {
  const state = flood.state.value;
  if (state.kind === 'live') return null;
  if (state.kind === 'catching-up') {
    return (
      <span class="notice" role="status">
        {`Catching up: ${formatCount(state.records)} records to read`}
      </span>
    );
  }
  return (
    <>
      <span
        class="warning"
        role="status"
        title={`Records come faster than anyone reads rows: the panel reads them when the flood ends, so that the page keeps its pace (Settings: Hold floods until they end).${state.inPage > 0 ? ` ${formatCount(state.inPage)} of them wait in the page until then.` : ''}`}
      >
        {`Holding ${formatCount(state.records)} records while the page floods (${formatCount(state.perSecond)}/s)`}
      </span>
      <button
        type="button"
        title="Read the held records now and show the rest of this flood as it comes (the page slows)"
        onClick={() => flood.showNow()}
      >
        Show now
      </button>
    </>
  );
}

/** Ctrl/Cmd+K clears the panel, as the Clear button. */
function useClearShortcut(stores: PanelStores): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'k') return;
      event.preventDefault();
      clearPanel(stores);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [stores]);
}

const Divider = () => <span class="toolbar-divider" role="presentation" />;

/** The panel's toolbar: recording, clear, preserve log, export and import, the view, settings, and what was left out. */
export function Toolbar({ context, stores }: { context: PanelContext; stores: PanelStores }) {
  const { capture } = stores;
  const view = stores.view.value;
  const { flood } = context.bridge;
  useClearShortcut(stores);
  return (
    <header class="toolbar">
      <button
        type="button"
        class={capture.recording.value ? 'record on' : 'record'}
        aria-pressed={!capture.recording.value}
        title={capture.recording.value ? 'Pause recording' : 'Resume recording'}
        onClick={() => {
          // Held records came before the pause, and those the page's relay kept and still sends.
          setRecording(capture, !capture.recording.value, stores.readHeld());
        }}
      >
        {capture.recording.value ? 'Pause' : 'Resume'}
      </button>
      <button type="button" title="Clear (Ctrl/Cmd+K)" onClick={() => clearPanel(stores)}>
        Clear
      </button>
      <Divider />
      <Checkbox label="Preserve log" value={capture.preserveLog} before={stores.readHeld} />
      <WorkersSwitch context={context} />
      <Divider />
      <label class="import button-like" title="Import a *.sio.json export or a HAR file">
        Import
        <input
          type="file"
          aria-label="Import"
          accept=".json,.har,application/json"
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            input.value = '';
            if (file) void importFile(stores, file);
          }}
        />
      </label>
      <button type="button" title="Save the capture as *.sio.json" onClick={() => void exportCapture(stores)}>
        Export
      </button>
      <button
        type="button"
        title="Save the capture as HAR (opens in Chrome's Network panel)"
        onClick={() => void exportHar(stores)}
      >
        Export HAR
      </button>
      <Divider />
      <span class="views" role="tablist" aria-label="Views">
        {(['packets', 'frames', 'problems'] as const).map((name) => (
          <button
            type="button"
            role="tab"
            key={name}
            aria-selected={view === name}
            onClick={() => (stores.view.value = name)}
          >
            {VIEW_NAMES[name]}
          </button>
        ))}
      </span>
      <ProblemCount problems={stores.problems} onOpen={() => (stores.view.value = 'problems')} />
      <RowCount stores={stores} />
      {flood && <FloodStatus flood={flood} />}
      <Warnings stores={stores} />
      <PageStatus stores={stores} />
      {stores.notice.value && (
        <span class="notice" role="status">
          {stores.notice.value}
        </span>
      )}
      <button
        type="button"
        class="settings"
        aria-label="Settings"
        title="Settings"
        onClick={() => context.openOptionsPage()}
      >
        ⚙
      </button>
    </header>
  );
}
