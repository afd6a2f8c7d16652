import type { Session } from '../decode/sessions';
import { formatTime } from '../format';
import { formatSize } from '../format-packet';

function describe(session: Session): string {
  const state = session.closed
    ? `closed ${session.closed.code}${session.closed.reason ? ` ${session.closed.reason}` : ''}`
    : 'open';
  if (!session.engineIo) return `WebSocket · ${state}`;
  return `EIO${session.eio} · ${session.transports.join(' → ')} · ${state}`;
}

function SessionButton({
  session,
  selected,
  onSelect,
}: {
  session: Session;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const open = session.decoder.info.open;
  return (
    <button
      type="button"
      class={selected ? 'session selected' : 'session'}
      data-session={session.id}
      onClick={() => onSelect(session.id)}
      title={session.url}
    >
      <span class="session-id">{session.id}</span> <span class="sid">{session.sid ?? ''}</span>
      <span class="session-line">{describe(session)}</span>
      <span class="session-line url">{session.url}</span>
      <span class="session-line">
        {session.frameId === 0 ? 'top frame' : `frame ${session.frameId}`}
        {session.upgradedAt !== undefined ? ` · upgraded ${formatTime(session.upgradedAt)}` : ''}
      </span>
      <span class="session-line">
        {session.packets} packets · {formatSize(session.bytes)}
        {session.namespaces.length > 0 ? ` · ${session.namespaces.join(' ')}` : ''}
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

/** The sessions of the tab; picking one filters the timeline to it. */
export function SessionList({
  sessions,
  selected,
  onSelect,
}: {
  revision: number;
  sessions: readonly Session[];
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
}) {
  return (
    <nav class="sessions" aria-label="Sessions">
      <button
        type="button"
        class={selected === undefined ? 'session selected' : 'session'}
        onClick={() => onSelect(undefined)}
      >
        All sessions
      </button>
      {sessions
        .filter((session) => session.engineIo)
        .map((session) => (
          <SessionButton key={session.id} session={session} selected={selected === session.id} onSelect={onSelect} />
        ))}
      {sessions.some((session) => !session.engineIo) && <h2 class="sessions-heading">Other WebSockets</h2>}
      {sessions
        .filter((session) => !session.engineIo)
        .map((session) => (
          <SessionButton key={session.id} session={session} selected={selected === session.id} onSelect={onSelect} />
        ))}
    </nav>
  );
}
