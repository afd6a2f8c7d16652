import {
  MESSAGE_PROTOCOL_VERSION,
  PORT_PANEL,
  type BackgroundToPanel,
  type Keeping,
  type PanelToBackground,
} from '../messages';
import { isPlainObject } from '../protocol';
import { browser, type Runtime } from '../platform';
import type { PanelBridge, PanelMessage } from './bridge';
import { createFloodHold, type FloodHold } from './flood-hold';
import { carried } from './carried';
import { createBatchReader } from './read-batches';
import { isBackgroundToPanel } from './validate';

const isTallyMessage = (message: unknown): message is Extract<BackgroundToPanel, { type: 'tally' }> =>
  isPlainObject(message) && message.type === 'tally' && isBackgroundToPanel(message);

/**
 * The panel's runtime port to the background: checks each message, reads the relays' batches into records. When the
 * port drops (Chrome stops an idle service worker), it reconnects on the next send and tells `onConnect` listeners,
 * which subscribe again.
 */
export function createPortBridge(): PanelBridge & { flood: FloodHold } {
  const listeners = new Set<(message: PanelMessage) => void>();
  const connectListeners = new Set<() => void>();
  const readBatches = createBatchReader();
  let port: Runtime.Port | undefined;
  /** How the relays may keep the records, as the flood hold last said: said again on each new port. */
  let keep: Keeping = 'no';

  function deliver(message: unknown): void {
    if (!isBackgroundToPanel(message) || message.type === 'tally') return;
    const read = message.type === 'batches' ? readBatches(message) : message;
    listeners.forEach((listener) => listener(read));
  }
  const holdMessage = (): PanelToBackground => ({ type: 'hold', version: MESSAGE_PROTOCOL_VERSION, keep });
  /** Tells the relays how they may keep the records (see the flood hold). */
  function holdAtSource(to: Keeping): void {
    keep = to;
    try {
      port?.postMessage(holdMessage());
    } catch {
      // The port closed: its reconnection says it again.
    }
  }
  const flood = createFloodHold(deliver, undefined, undefined, holdAtSource);

  /**
   * Hands the message to the flood hold with what it carries, counted before it is checked (see carried); a relay's
   * `tally` (the batches it keeps while the panel holds, by their times, counts and first numbers) only counts.
   */
  function onMessage(message: unknown): void {
    if (isTallyMessage(message)) return flood.tally(message.documentId, message.batches);
    const { batches, chars, kept } = carried(message);
    flood.take(message, batches, chars, kept);
  }

  function connect(): Runtime.Port {
    const opened = browser.runtime.connect({ name: PORT_PANEL });
    opened.onMessage.addListener(onMessage);
    opened.onDisconnect.addListener(() => {
      port = undefined;
      setTimeout(ensureConnected, 100);
    });
    port = opened;
    // Before the listeners subscribe again: the background tells the relays once it knows the tab.
    if (keep !== 'no') opened.postMessage(holdMessage());
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
