import {
  CONTENT_EVENT,
  HANDSHAKE_EVENT,
  MESSAGE_PROTOCOL_VERSION,
  PAGE_EVENT,
  RELAY_EVENT,
  payloadChars,
  type ContentToPage,
  type PageCommand,
  type PageRecord,
  type PageToContent,
} from '../messages';
import { createPacer } from '../pacer';
import { natives } from './natives';

/** Records kept while the relay has not answered yet (it normally answers within the same task). */
const MAX_RECORDS_BEFORE_RELAY = 10_000;
/**
 * Records are handed over in batches, at most this often. Each hand-over costs the page's thread the same whatever
 * the batch holds (a timer, an event into the relay's world, the relay's bookkeeping; about as much as recording a few
 * dozen frames): while a panel listens, batches go often, for its latency; while none does, the relay only keeps
 * them, and rarer, larger batches cost the page less.
 */
const FLUSH_INTERVAL_MS = { panelListening: 5, noPanel: 100 };
/**
 * A batch whose payloads reach this many characters goes at once, whatever the interval: a few frames near the size
 * cap (MAX_FRAME_BYTES) would otherwise add up to more than the relay takes in one message (MAX_PAGE_MESSAGE_CHARS).
 */
const MAX_BATCH_PAYLOAD_CHARS = 8 * 1024 * 1024;

/** The private node the hook and the relay talk through (see HANDSHAKE_EVENT). */
const channel = natives.createElement.call(natives.document, 'span');
let relayReady = false;
let waiting: PageRecord[] = [];
let waitingChars = 0;

function dispatch(message: PageToContent): void {
  const event = new natives.CustomEvent(PAGE_EVENT, { detail: natives.JSON_stringify(message) });
  natives.dispatchEvent.call(channel, event);
}

function flush(): void {
  if (waiting.length === 0) return;
  const records = waiting;
  waiting = [];
  waitingChars = 0;
  try {
    // `count` before `records`: the relay reads it from the text's head without parsing the rest.
    dispatch({ type: 'records', version: MESSAGE_PROTOCOL_VERSION, count: records.length, records });
  } catch {
    // A relay that cannot be reached must never surface in the page.
  }
}

const pacer = createPacer(flush, FLUSH_INTERVAL_MS.noPanel, { now: natives.now, setTimeout: natives.setTimeout });

/** Queues a record for the relay; records are handed over in batches (see createPacer), once the relay is ready. */
export function post(record: PageRecord): void {
  if (!relayReady && waiting.length >= MAX_RECORDS_BEFORE_RELAY) return;
  waiting.push(record);
  waitingChars += payloadChars(record);
  if (!relayReady) return;
  if (waitingChars >= MAX_BATCH_PAYLOAD_CHARS) pacer.runNow();
  else pacer.request();
}

function offerChannel(): void {
  if (relayReady) return; // offered once only: the page must never get hold of the channel
  try {
    const handshake = new natives.MouseEvent(HANDSHAKE_EVENT, { relatedTarget: channel });
    natives.dispatchEvent.call(natives.document, handshake);
  } catch {
    // A relay that cannot be reached must never surface in the page.
  }
}

/** Starts the handshake with the relay of this document; the relay's commands go to `onCommand`. */
export function connectToRelay(onCommand: (command: PageCommand) => void): void {
  natives.addEventListener.call(channel, CONTENT_EVENT, (event: Event) => {
    try {
      const message = natives.JSON_parse(String((event as CustomEvent).detail)) as ContentToPage;
      if (message.version !== MESSAGE_PROTOCOL_VERSION) return;
      if (message.type === 'command') {
        onCommand(message.command);
        return;
      }
      if (message.type === 'panel')
        pacer.setIntervalMs(message.listening ? FLUSH_INTERVAL_MS.panelListening : FLUSH_INTERVAL_MS.noPanel);
      relayReady = true;
      pacer.runNow();
    } catch {
      // Malformed: ignore.
    }
  });
  natives.addEventListener.call(natives.document, RELAY_EVENT, offerChannel);
  offerChannel();
}

/**
 * Records of one connection, kept in order even when a payload (a Blob) can only be read asynchronously:
 * once one record waits, the later ones of the same connection wait behind it.
 */
export function createConnectionLog(): (record: PageRecord | Promise<PageRecord | undefined>) => void {
  let pending: Promise<unknown> | undefined;
  return (record) => {
    if (!pending && !(record instanceof Promise)) {
      post(record);
      return;
    }
    const next: Promise<unknown> = (pending ?? Promise.resolve())
      .then(() => record)
      .then((ready) => {
        if (ready) post(ready);
      })
      .catch(() => undefined)
      .then(() => {
        if (pending === next) pending = undefined;
      });
    pending = next;
  };
}
