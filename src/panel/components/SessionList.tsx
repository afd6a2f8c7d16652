import { boundedText, NAME_CHARS } from '../bounded';
import type { Session } from '../decode/sessions';
import { formatTime } from '../format';
import { formatSize } from '../format-packet';
import type { PanelStores } from '../store';
import type { WorkerInfo } from '../../messages';
import { SUMMARY_INTERVAL_MS } from '../throttle';
import { workerLabel, workerOf } from '../workers/label';
import { useThrottled } from './use-throttled';

function describe(session: Session): string {
  const state = session.closed
    ? `closed ${session.closed.code}${session.closed.reason ? ` ${session.closed.reason}` : ''}`
    : 'open';
  if (!session.engineIo) return `WebSocket · ${state}`;
  return `EIO${session.eio} · ${session.transports.join(' → ')} · ${state}`;
}

function SessionButton({
  session,
  worker,
  selected,
  onSelect,
}: {
  session: Session;
  worker: WorkerInfo | undefined;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const open = session.decoder.info.open;
  const url = boundedText(session.url, NAME_CHARS);
  return (
    <button
      type="button"
      class={selected ? 'session selected' : 'session'}
      aria-pressed={selected}
      onClick={() => onSelect(session.id)}
      title={url}
    >
      <span class="session-id">{session.id}</span> <span class="sid">{boundedText(session.sid ?? '', NAME_CHARS)}</span>
      <span class="session-line">{describe(session)}</span>
      <span class="session-line url">{url}</span>
      <span class="session-line">
        {worker ? workerLabel(worker) : session.frameId === 0 ? 'top frame' : `frame ${session.frameId}`}
        {session.upgradedAt !== undefined ? ` · upgraded ${formatTime(session.upgradedAt)}` : ''}
      </span>
      <span class="session-line">
        {session.packets} packets · {formatSize(session.bytes)}
        {session.namespaces.length > 0 ? ` · ${boundedText(session.namespaces.join(' '), NAME_CHARS)}` : ''}
      </span>
      {open && (
        <span class="session-line">
          ping {open.pingInterval / 1000}s/{open.pingTimeout / 1000}s
          {session.pingRtt !== undefined ? ` · rtt ${session.pingRtt.toFixed(1)} ms` : ''}
        </span>
      )}
    </button>
  );
}

/** Sessions listed at most: the newest (a page that reconnects all day would otherwise list thousands). */
const LISTED = 200;

/** The sessions of the tab, the newest LISTED; picking one filters the timeline to it. */
export function SessionList({ stores }: { stores: PanelStores }) {
  const { filters } = stores;
  const known = useThrottled(stores.sessions, SUMMARY_INTERVAL_MS);
  const sessions = known.length > LISTED ? known.slice(-LISTED) : known;
  const older = known.length - sessions.length + stores.timeline.tracker.forgotten;
  const selected = filters.session.value;
  const onSelect = (id: string | undefined) => (filters.session.value = id);
  const button = (session: Session) => (
    <SessionButton
      key={session.id}
      session={session}
      worker={workerOf(stores.capture, session.documentId)}
      selected={selected === session.id}
      onSelect={onSelect}
    />
  );
  return (
    <nav class="sessions" aria-label="Sessions">
      <button
        type="button"
        class={selected === undefined ? 'session selected' : 'session'}
        aria-pressed={selected === undefined}
        onClick={() => onSelect(undefined)}
      >
        All sessions
      </button>
      {older > 0 && (
        <p class="sessions-older">
          {older} older {older === 1 ? 'session' : 'sessions'} not listed
        </p>
      )}
      {sessions.filter((session) => session.engineIo).map(button)}
      {sessions.some((session) => !session.engineIo) && <h2 class="sessions-heading">Other WebSockets</h2>}
      {sessions.filter((session) => !session.engineIo).map(button)}
    </nav>
  );
}
