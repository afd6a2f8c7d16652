import type { ArmedMock, MockStore } from './store';

/** What the relays of the mocked URL reported, as a sentence. */
function statusLine({ status }: ArmedMock): string {
  if (status?.tooLate) return 'Armed too late: the page connected before the mock was known; reload';
  if (!status || status.connections === 0) return 'Waiting for the next load';
  return `Answered ${status.connections} connection${status.connections === 1 ? '' : 's'}`;
}

function Armed({ store, mock }: { store: MockStore; mock: ArmedMock }) {
  const { url, pinned } = mock.config;
  const unmatched = mock.status?.unmatched ?? [];
  return (
    <li>
      <p role="status">
        Mock armed: <code>{url}</code> ({statusLine(mock)})
      </p>
      <button type="button" onClick={() => void store.stop(url)}>
        Stop mock
      </button>
      <label>
        <input
          type="checkbox"
          checked={pinned}
          onChange={(event) => void store.pin(url, event.currentTarget.checked)}
        />
        Pin mock (kept when DevTools closes)
      </label>
      {unmatched.length > 0 && (
        <ul aria-label="Unmatched emits">
          {unmatched.map((event, index) => (
            <li key={index}>{event}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The mock server: "Mock this session" arms the selected session's Engine.IO URL, answered from its recording from the
 * next load on; each armed mock says what it answered, can be stopped or pinned, and lists the page's emits it had no
 * recorded ACK for.
 */
export function MockBar({ store }: { store: MockStore }) {
  const armed = store.armed.value;
  return (
    <section class="mock" aria-label="Mock server">
      <div role="toolbar" aria-label="Mock controls">
        <button type="button" onClick={() => void store.arm()}>
          Mock this session
        </button>
        {store.message.value && <span role="status">{store.message.value}</span>}
      </div>
      {armed.length > 0 && (
        <ul aria-label="Armed mocks">
          {armed.map((mock) => (
            <Armed key={mock.config.url} store={store} mock={mock} />
          ))}
        </ul>
      )}
    </section>
  );
}
