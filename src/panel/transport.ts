import type { BackgroundToPanel, PanelToBackground } from '../messages';

/**
 * How the panel talks to the rest of the extension. The extension uses a runtime port (port-transport.ts); tests use
 * an in-memory one (memory-transport.ts), so panel logic and components run without a browser.
 */
export interface PanelTransport {
  send(message: PanelToBackground): void;
  /** Calls `listener` for every message; returns the function that stops listening. */
  listen(listener: (message: BackgroundToPanel) => void): () => void;
  /** Calls `listener` each time the connection is (re)established, e.g. after the background was stopped. */
  onConnect(listener: () => void): () => void;
}
