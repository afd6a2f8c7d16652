import { isCount } from '../message-guards';
import { PORT_PANEL, type PanelToBackground } from '../messages';
import { isPlainObject } from '../protocol';
import { browser, type Runtime } from '../platform';
import type { PanelBridge, PanelMessage } from './bridge';
import { createFloodHold } from './flood-hold';
import type { BatchTime } from './page-rate';
import { createBatchReader } from './read-batches';
import { isBackgroundToPanel } from './validate';

/** Where a batch's head says when the page took its first record in (src/page/serialize.ts, batchHead). */
const HEAD_TIME = '"time":';
/** The head comes first in a batch's text, within this many characters. */
const HEAD_CHARS = 160;

/** The time a batch's head gives, or NaN. */
function headTime(text: string): number {
  const at = text.indexOf(HEAD_TIME);
  return at < 0 || at > HEAD_CHARS ? NaN : parseFloat(text.slice(at + HEAD_TIME.length, at + HEAD_TIME.length + 24));
}

/**
 * What the flood hold counts of a message of the port, before it is checked (a message it holds is checked when
 * read): each batch's time and the records it says it holds, and their text's length. Both are the page's: wrong
 * ones can only make the panel hold sooner or later, within MAX_HELD's characters.
 */
function carried(message: unknown): { batches: BatchTime[]; chars: number } {
  const counted: BatchTime[] = [];
  let chars = 0;
  const batches = isPlainObject(message) && message.type === 'batches' ? message.batches : undefined;
  if (!Array.isArray(batches)) return { batches: counted, chars };
  for (const batch of batches as unknown[]) {
    if (!isPlainObject(batch) || batch.kind !== 'batch' || typeof batch.text !== 'string') continue;
    chars += batch.text.length;
    if (isCount(batch.count)) counted.push({ time: headTime(batch.text), records: batch.count });
  }
  return { batches: counted, chars };
}

/**
 * The panel's runtime port to the background: checks each message, reads the relays' batches into records. When the
 * port drops (Chrome stops an idle service worker), it reconnects on the next send and tells `onConnect` listeners,
 * which subscribe again.
 */
export function createPortBridge(): PanelBridge {
  const listeners = new Set<(message: PanelMessage) => void>();
  const connectListeners = new Set<() => void>();
  const readBatches = createBatchReader();
  let port: Runtime.Port | undefined;

  function deliver(message: unknown): void {
    if (!isBackgroundToPanel(message)) return;
    const read = message.type === 'batches' ? readBatches(message) : message;
    listeners.forEach((listener) => listener(read));
  }
  const flood = createFloodHold(deliver);

  /** Hands the message to the flood hold with what it carries, counted before it is checked (see carried). */
  function onMessage(message: unknown): void {
    const { batches, chars } = carried(message);
    flood.take(message, batches, chars);
  }

  function connect(): Runtime.Port {
    const opened = browser.runtime.connect({ name: PORT_PANEL });
    opened.onMessage.addListener(onMessage);
    opened.onDisconnect.addListener(() => {
      port = undefined;
      setTimeout(ensureConnected, 100);
    });
    port = opened;
    connectListeners.forEach((listener) => listener());
    return opened;
  }

  function ensureConnected(): Runtime.Port {
    return port ?? connect();
  }

  return {
    flood,
    send: (message: PanelToBackground) => ensureConnected().postMessage(message),
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnect(listener) {
      const connected = port !== undefined;
      connectListeners.add(listener);
      ensureConnected();
      if (connected) listener();
      return () => connectListeners.delete(listener);
    },
  };
}
