import { useState } from 'preact/hooks';
import { ARROWS, DirectionSelect, FormError } from './fields';
import { boundedText, NAME_CHARS } from '../bounded';
import type { PausedPacket } from '../../intercept/held';
import { InterceptLog } from './InterceptLog';
import { RulesPanel } from './RulesPanel';
import type { BreakDirection, BreakType, InterceptStore } from './store';
import { BREAK_TYPES, describeBreakpoint } from '../../intercept/wire-breakpoint';

/** Add a breakpoint (an event name or a /regex/ over the wire text, one direction or both), list and remove them. */
function Breakpoints({ store }: { store: InterceptStore }) {
  const [on, setOn] = useState('');
  const [direction, setDirection] = useState<BreakDirection>('both');
  const [namespace, setNamespace] = useState('');
  const [type, setType] = useState<BreakType | ''>('');
  const error = store.error.value;
  return (
    <section class="breakpoints" aria-label="Breakpoints">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (store.add({ on, direction, namespace, ...(type ? { type } : {}) })) setOn('');
        }}
      >
        <label>
          Break on
          <input
            aria-label="Break on"
            placeholder="event name or /regex/"
            value={on}
            onInput={(event) => setOn(event.currentTarget.value)}
          />
        </label>
        <DirectionSelect label="Break direction" value={direction} onChange={setDirection} />
        <label>
          Namespace
          <input
            aria-label="Break namespace"
            placeholder="any"
            value={namespace}
            onInput={(event) => setNamespace(event.currentTarget.value)}
          />
        </label>
        <label>
          Type
          <select
            aria-label="Break type"
            value={type}
            onChange={(event) => setType(event.currentTarget.value as BreakType | '')}
          >
            <option value="">Any</option>
            {Object.keys(BREAK_TYPES).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Add breakpoint</button>
        <FormError error={error} />
      </form>
      <ul>
        {store.breakpoints.value.map((breakpoint, index) => (
          <li key={index}>
            {ARROWS[breakpoint.direction]} {boundedText(describeBreakpoint(breakpoint), NAME_CHARS)}{' '}
            <button
              type="button"
              aria-label={`Remove breakpoint: ${boundedText(describeBreakpoint(breakpoint), NAME_CHARS)}`}
              onClick={() => store.remove(breakpoint)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The oldest held packet, its arguments editable (when it has any), to forward or drop. */
function PausedEditor({ store, packet }: { store: InterceptStore; packet: PausedPacket }) {
  const [argsText, setArgsText] = useState(packet.argsText);
  return (
    <>
      <p class="paused-summary">Paused: {boundedText(packet.summary, NAME_CHARS)}</p>
      {argsText !== undefined && (
        <textarea
          aria-label="Paused arguments"
          rows={3}
          value={argsText}
          onInput={(event) => setArgsText(event.currentTarget.value)}
        />
      )}
      <div class="paused-actions">
        <button type="button" onClick={() => store.forward(packet, argsText)}>
          Forward
        </button>
        <button type="button" onClick={() => store.drop(packet)}>
          Drop
        </button>
        <button type="button" onClick={() => store.forwardAll()}>
          Forward all
        </button>
      </div>
    </>
  );
}

/** The breakpoints, and the packets they hold now (the oldest first, editable). */
export function InterceptPanel({ store }: { store: InterceptStore }) {
  const paused = store.paused.value;
  const [first, ...rest] = paused;
  return (
    <div class="intercept">
      <Breakpoints store={store} />
      <RulesPanel store={store.rules} />
      <InterceptLog entries={store.log.value} />
      {first && (
        <section class="paused" aria-label="Paused packets">
          <p role="status">{paused.length === 1 ? '1 packet held' : `${paused.length} packets held`}</p>
          <PausedEditor key={`${first.documentId} ${first.held.hold}`} store={store} packet={first} />
          {rest.length > 0 && (
            <ol aria-label="Held behind it">
              {rest.slice(0, 100).map((packet) => (
                <li key={`${packet.documentId} ${packet.held.hold}`}>{boundedText(packet.summary, NAME_CHARS)}</li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
