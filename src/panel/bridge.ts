import type { BackgroundToPanel, PanelToBackground } from '../messages';

/**
 * The panel's bridge: how it talks to the rest of the extension. The extension uses a runtime port (port-bridge.ts); tests use
 * an in-memory one (memory-bridge.ts), so panel logic and components run without a browser.
 */
export interface PanelBridge {
  send(message: PanelToBackground): void;
  /** Calls `listener` for every message; returns the function that stops listening. */
  listen(listener: (message: BackgroundToPanel) => void): () => void;
  /** Calls `listener` each time the connection is (re)established, e.g. after the background was stopped. */
  onConnect(listener: () => void): () => void;
}
