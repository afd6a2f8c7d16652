import { useEffect } from 'preact/hooks';
import { MESSAGE_PROTOCOL_VERSION } from '../../messages';
import { composeCommand, type ComposeField } from '../compose';
import type { Session } from '../decode/sessions';
import { remember, type HistoryEntry, type HistoryStorage } from '../history';
import type { ComposerStore } from '../store/composer';
import type { PanelTransport } from '../transport';

interface Props {
  revision: number;
  tabId: number;
  transport: PanelTransport;
  sessions: readonly Session[];
  composer: ComposerStore;
  history: HistoryStorage;
}

/** The session the composer targets: the one picked, else the most recent open one. */
export function composerSession(sessions: readonly Session[], picked: string | undefined): Session | undefined {
  const open = sessions.filter((session) => session.engineIo && (session.websocket || !session.closed));
  return sessions.find((session) => session.id === picked) ?? open[open.length - 1];
}

/** Sends what the composer describes; on a mistake, says which field and why, and sends nothing. */
export function submit(
  { tabId, transport, sessions, composer, history }: Omit<Props, 'revision'>,
  action: 'emit' | 'deliver',
): boolean {
  const ackId = composer.ack.value && action === 'emit' ? composer.nextAckId : undefined;
  const result = composeCommand({
    session: composerSession(sessions, composer.session.value),
    namespace: composer.namespace.value,
    event: composer.event.value,
    argsText: composer.argsText.value,
    action,
    ...(ackId === undefined ? {} : { ackId }),
  });
  if (!result.ok) {
    composer.error.value = { field: result.field, message: result.error };
    return false;
  }
  composer.error.value = undefined;
  if (ackId !== undefined) composer.nextAckId++;
  const origin = composer.historyOrigin.value;
  if (origin !== undefined) {
    const entry: HistoryEntry = {
      action,
      namespace: composer.namespace.value,
      event: composer.event.value,
      argsText: composer.argsText.value,
      ack: composer.ack.value,
    };
    composer.history.value = remember(composer.history.value, entry);
    void history.save(origin, composer.history.value);
  }
  transport.send({
    type: 'command',
    version: MESSAGE_PROTOCOL_VERSION,
    tabId,
    frameId: result.frameId,
    documentId: result.documentId,
    command: result.command,
  });
  return true;
}

function FieldError({ composer, field }: { composer: ComposerStore; field: ComposeField }) {
  const error = composer.error.value;
  return error?.field === field ? (
    <span class="field-error" role="alert" data-field={field}>
      {error.message}
    </span>
  ) : null;
}

function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

/** Fills the composer from a history entry and sends it again. */
function sendAgain(props: Omit<Props, 'revision'>, entry: HistoryEntry): void {
  const { composer } = props;
  composer.namespace.value = entry.namespace;
  composer.event.value = entry.event;
  composer.argsText.value = entry.argsText;
  composer.ack.value = entry.ack;
  submit(props, entry.action);
}

/** What was sent from the composer on this origin, newest first, each to send again with one click. */
function History(props: Omit<Props, 'revision'>) {
  const { composer, history } = props;
  const entries = composer.history.value;
  if (entries.length === 0) return null;
  return (
    <section class="history" aria-label="History">
      <ul>
        {entries.map((entry, index) => (
          <li key={index}>
            <button type="button" aria-label={`Send again: ${entry.event}`} onClick={() => sendAgain(props, entry)}>
              ↻
            </button>{' '}
            <span class="history-action">{entry.action === 'emit' ? 'emit' : 'deliver'}</span>{' '}
            <span class="history-event">
              {entry.namespace !== '/' ? `${entry.namespace} ` : ''}
              {entry.event}
            </span>{' '}
            <span class="history-args">{entry.argsText}</span>
            {entry.ack ? ' (ack)' : ''}
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          composer.history.value = [];
          if (composer.historyOrigin.value !== undefined) void history.save(composer.historyOrigin.value, []);
        }}
      >
        Clear history
      </button>
    </section>
  );
}

/** Emit an event into the page's own connection, or deliver one to the page as if the server sent it. */
export function Composer(props: Props) {
  const { sessions, composer, history } = props;
  const target = composerSession(sessions, composer.session.value);
  const engineSessions = sessions.filter((session) => session.engineIo);
  const origin = originOf(target?.url);
  useEffect(() => {
    if (origin === undefined || composer.historyOrigin.value === origin) return;
    composer.historyOrigin.value = origin;
    void history.load(origin).then((entries) => {
      if (composer.historyOrigin.value === origin) composer.history.value = entries;
    });
  }, [origin, composer, history]);
  return (
    <form class="composer" aria-label="Composer" onSubmit={(event) => event.preventDefault()}>
      <label>
        Session
        <select
          aria-label="Session"
          value={target?.id ?? ''}
          onChange={(event) => (composer.session.value = event.currentTarget.value || undefined)}
        >
          {engineSessions.map((session) => (
            <option key={session.id} value={session.id}>
              {session.id} {session.sid ?? ''} {session.closed && !session.websocket ? '(closed)' : ''}
            </option>
          ))}
        </select>
        <FieldError composer={composer} field="session" />
      </label>
      <label>
        Namespace
        <input
          aria-label="Namespace"
          list="composer-namespaces"
          value={composer.namespace.value}
          onInput={(event) => (composer.namespace.value = event.currentTarget.value)}
        />
        <datalist id="composer-namespaces">
          {(target?.namespaces ?? []).map((namespace) => (
            <option key={namespace} value={namespace} />
          ))}
        </datalist>
        <FieldError composer={composer} field="namespace" />
      </label>
      <label>
        Event
        <input
          aria-label="Event"
          value={composer.event.value}
          onInput={(event) => (composer.event.value = event.currentTarget.value)}
        />
        <FieldError composer={composer} field="event" />
      </label>
      <label class="args">
        Arguments
        <textarea
          aria-label="Arguments"
          rows={2}
          value={composer.argsText.value}
          onInput={(event) => (composer.argsText.value = event.currentTarget.value)}
        />
        <FieldError composer={composer} field="args" />
      </label>
      <label>
        <input
          type="checkbox"
          aria-label="Ack"
          checked={composer.ack.value}
          onChange={(event) => (composer.ack.value = event.currentTarget.checked)}
        />
        Ack
      </label>
      <button type="button" onClick={() => submit(props, 'emit')}>
        Emit
      </button>
      <button
        type="button"
        disabled={!target?.websocket}
        title={target?.websocket ? '' : 'Deliver to page needs an open WebSocket session'}
        onClick={() => submit(props, 'deliver')}
      >
        Deliver to page
      </button>
      <FieldError composer={composer} field="action" />
      <History {...props} />
    </form>
  );
}
