import type { PanelToBackground } from '../messages';
import type { PanelBridge, PanelMessage } from './bridge';

/** An in-memory bridge: `deliver` plays the background, `sent` records what the panel asked for. */
export function createMemoryBridge() {
  const listeners = new Set<(message: PanelMessage) => void>();
  const connectListeners = new Set<() => void>();
  const sent: PanelToBackground[] = [];
  const bridge: PanelBridge = {
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
    bridge,
    sent,
    deliver: (message: PanelMessage) => listeners.forEach((listener) => listener(message)),
    reconnect: () => connectListeners.forEach((listener) => listener()),
  };
}
