import type { Session } from '../decode/sessions';
import { formatSize } from '../format-packet';

function describe(session: Session): string {
  if (!session.engineIo) return 'WebSocket';
  const state = session.closed ? `closed ${session.closed.code}` : 'open';
  return `EIO${session.eio} · ${session.transports.join(' → ')} · ${state}`;
}

/** The sessions of the tab; picking one filters the timeline to it. */
export function SessionList({ sessions, selected, onSelect }: { revision: number; sessions: readonly Session[]; selected: string | undefined; onSelect(id: string | undefined): void }) {
  return (
    <nav class="sessions" aria-label="Sessions">
      <button type="button" class={selected === undefined ? 'session selected' : 'session'} onClick={() => onSelect(undefined)}>
        All sessions
      </button>
      {sessions.map((session) => {
        const open = session.decoder.info.open;
        return (
          <button
            type="button"
            key={session.id}
            class={selected === session.id ? 'session selected' : 'session'}
            data-session={session.id}
            onClick={() => onSelect(session.id)}
            title={session.url}
          >
            <span class="session-id">{session.id}</span> <span class="sid">{session.sid ?? ''}</span>
            <span class="session-line">{describe(session)}</span>
            <span class="session-line">
              {session.packets} packets · {formatSize(session.bytes)}
              {session.namespaces.length > 0 ? ` · ${session.namespaces.join(' ')}` : ''}
            </span>
            {open && (
              <span class="session-line">
                ping {open.pingInterval / 1000}s/{open.pingTimeout / 1000}s{session.pingRtt !== undefined ? ` · rtt ${session.pingRtt.toFixed(1)} ms` : ''}
              </span>
            )}
          </button>
        );
      })}
    </nav>
  );
}
