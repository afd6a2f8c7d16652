import type { BackgroundToPanel, PanelToBackground, RelayedEntry } from '../messages';
import type { FloodHold } from './flood-hold';

/** A `batches` message as the bridge reads it (read-batches.ts): the records parsed, validated and numbered. */
export interface RecordsMessage {
  type: 'records';
  version: number;
  tabId: number;
  frameId: number;
  documentId: string;
  records: RelayedEntry[];
  dropped: number;
}

/**
 * What the bridge hands its listeners: the background's messages, `batches` read into `records`; `tally` goes to the
 * flood hold only.
 */
export type PanelMessage = Exclude<BackgroundToPanel, { type: 'batches' | 'tally' }> | RecordsMessage;

/**
 * The panel's bridge: how it talks to the rest of the extension. The extension uses a runtime port (port-bridge.ts); tests use
 * an in-memory one (memory-bridge.ts), so panel logic and components run without a browser.
 */
export interface PanelBridge {
  send(message: PanelToBackground): void;
  /** Calls `listener` for every message; returns the function that stops listening. */
  listen(listener: (message: PanelMessage) => void): () => void;
  /** Calls `listener` each time the connection is (re)established, e.g. after the background was stopped. */
  onConnect(listener: () => void): () => void;
  /** Where records are held unread while the page floods (flood-hold.ts); none where nothing is held (tests). */
  flood?: FloodHold;
}
