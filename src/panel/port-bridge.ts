import { PORT_PANEL, type PanelToBackground } from '../messages';
import { browser, type Runtime } from '../platform';
import type { PanelBridge, PanelMessage } from './bridge';
import { createFloodHold, type FloodHold } from './flood-hold';
import { carried } from './page-rate';
import { createBatchReader } from './read-batches';
import { isBackgroundToPanel } from './validate';

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
