import { boundedText, NAME_CHARS, PREVIEW_CHARS } from '../bounded';
import type { ComposeField } from '../compose';
import type { PanelStores } from '../store';
import { composerSession, type ComposerActions } from '../store/composer-actions';
import type { ComposerStore } from '../store/composer';
import { SUMMARY_INTERVAL_MS } from '../throttle';
import { useThrottled } from './use-throttled';

function FieldError({ composer, field }: { composer: ComposerStore; field: ComposeField }) {
  const error = composer.error.value;
  return error?.field === field ? (
    <span class="field-error" role="alert" id={`composer-error-${field}`}>
      {error.message}
    </span>
  ) : null;
}

/** The error's id when the field has one, for aria-describedby. */
const describedBy = (composer: ComposerStore, field: ComposeField) =>
  composer.error.value?.field === field ? `composer-error-${field}` : undefined;

/** What was sent from the composer on the inspected page's origin, newest first, each to send again with one click. */
function History({ composer, actions }: { composer: ComposerStore; actions: ComposerActions }) {
  const entries = composer.history.value;
  if (entries.length === 0) return null;
  return (
    <section class="history" aria-label="History">
      <ul>
        {entries.map((entry, index) => (
          <li key={index}>
            <button
              type="button"
              aria-label={`Send again: ${boundedText(entry.event, NAME_CHARS)}`}
              onClick={() => actions.sendAgain(entry)}
            >
              ↻
            </button>{' '}
            <span class="history-action">{entry.action === 'emit' ? 'emit' : 'deliver'}</span>{' '}
            <span class="history-event">
              {entry.namespace !== '/' ? `${boundedText(entry.namespace, NAME_CHARS)} ` : ''}
              {boundedText(entry.event, NAME_CHARS)}
            </span>{' '}
            <span class="history-args">{boundedText(entry.argsText, PREVIEW_CHARS)}</span>
            {entry.ack ? ' (ack)' : ''}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => actions.clearHistory()}>
        Clear history
      </button>
    </section>
  );
}

/** Emit an event into the page's own connection, or deliver one to the page as if the server sent it. */
export function Composer({ stores, actions }: { stores: PanelStores; actions: ComposerActions }) {
  const { composer } = stores;
  const sessions = useThrottled(stores.sessions, SUMMARY_INTERVAL_MS);
  const target = composerSession(sessions, composer.session.value);
  const engineSessions = sessions.filter((session) => session.engineIo);
  return (
    <form class="composer" aria-label="Composer" onSubmit={(event) => event.preventDefault()}>
      <label>
        Session
        <select
          aria-label="Session"
          aria-describedby={describedBy(composer, 'session')}
          value={target?.id ?? ''}
          onChange={(event) => (composer.session.value = event.currentTarget.value || undefined)}
        >
          {engineSessions.map((session) => (
            <option key={session.id} value={session.id}>
              {session.id} {boundedText(session.sid ?? '', NAME_CHARS)}{' '}
              {session.closed && !session.websocket ? '(closed)' : ''}
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
          aria-describedby={describedBy(composer, 'namespace')}
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
          aria-describedby={describedBy(composer, 'event')}
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
          aria-describedby={describedBy(composer, 'args')}
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
      <button type="button" onClick={() => actions.submit('emit')}>
        Emit
      </button>
      <button
        type="button"
        disabled={!target?.websocket}
        title={target?.websocket ? '' : 'Deliver to page needs an open WebSocket session'}
        onClick={() => actions.submit('deliver')}
      >
        Deliver to page
      </button>
      <FieldError composer={composer} field="action" />
      <History composer={composer} actions={actions} />
    </form>
  );
}
