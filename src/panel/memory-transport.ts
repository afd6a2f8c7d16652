import type { BackgroundToPanel, PanelToBackground } from '../messages';
import type { PanelTransport } from './transport';

/** An in-memory transport: `deliver` plays the background, `sent` records what the panel asked for. */
export function createMemoryTransport() {
  const listeners = new Set<(message: BackgroundToPanel) => void>();
  const connectListeners = new Set<() => void>();
  const sent: PanelToBackground[] = [];
  const transport: PanelTransport = {
    send: (message) => void sent.push(message),
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnect(listener) {
      connectListeners.add(listener);
      listener();
      return () => connectListeners.delete(listener);
    },
  };
  return {
    transport,
    sent,
    deliver: (message: BackgroundToPanel) => listeners.forEach((listener) => listener(message)),
    reconnect: () => connectListeners.forEach((listener) => listener()),
  };
}
