/**
 * The typed messages of each hop of the flow, named after the hop they travel:
 *
 *   page hook --PageToContent--> relay --ContentToBackground--> background --BackgroundToPanel--> panel
 *   panel --PanelToBackground--> background --BackgroundToContent--> relay
 *
 * Every hop validates what it receives (see src/content/validate.ts); the protocol version lets stale halves
 * (an old content script next to a reloaded extension) detect each other and stop talking.
 */

export const MESSAGE_PROTOCOL_VERSION = 3;

/**
 * How the page hook and the relay reach each other. At document start (before any page script), the hook creates a
 * detached node, the channel, and hands it to the relay as the `relatedTarget` of a `HANDSHAKE_EVENT` on `document`
 * (again whenever the relay, if it loaded second, asks with `RELAY_EVENT`). From then on both talk through events on
 * the channel only: the page can neither see nor forge them, and `document.open()`, which erases the listeners of
 * the document and window, cannot cut them. Each message is the JSON text of a `PageToContent` / `ContentToPage` in
 * a CustomEvent's `detail` (a string crosses between the page's world and the content script's in every browser).
 */
export const HANDSHAKE_EVENT = '__socketio_inspector_handshake__';
export const RELAY_EVENT = '__socketio_inspector_relay__';
export const PAGE_EVENT = '__socketio_inspector_page__';
export const CONTENT_EVENT = '__socketio_inspector_content__';

export type Direction = 'sent' | 'received';
export type Transport = 'websocket' | 'polling';

/** Frame bytes as captured: text as is, binary as base64; `size` is the original size in bytes (UTF-16 units for text). */
export interface FramePayload {
  text?: string;
  base64?: string;
  size: number;
  truncated: boolean;
}

/** What the page hook saw, in the order it saw it. `connection` is unique within one document. */
export type PageRecord =
  | { kind: 'open'; connection: string; transport: Transport; url: string; time: number }
  | {
      kind: 'frame';
      connection: string;
      transport: Transport;
      url: string;
      direction: Direction;
      payload: FramePayload;
      time: number;
      /** Polling only: the HTTP method and status of the request that carried this body. */
      method?: string;
      status?: number;
      /** Sent or delivered by the panel (a PageCommand), not by the page. */
      injected?: true;
    }
  | {
      kind: 'close';
      connection: string;
      transport: Transport;
      code: number;
      reason: string;
      wasClean: boolean;
      time: number;
    }
  | { kind: 'error'; connection: string; transport: Transport; message: string; time: number };

/** The characters of a record's payload (text, or base64 for binary); 0 for open/close/error records. */
export function payloadChars(record: PageRecord): number {
  return record.kind === 'frame' ? (record.payload.text ?? record.payload.base64 ?? '').length : 0;
}

/** Once the relay said `ready` on the channel, the hook posts batches of records. */
export type PageToContent = { type: 'records'; version: number; count: number; records: PageRecord[] };

/** One frame to inject: text, or binary as base64. */
export type InjectedFrame = { text: string } | { base64: string };

/**
 * What the panel asks the page hook to do on a live connection, as if the page did it:
 * `send` the frames on the page's WebSocket; `deliver` them to the page's WebSocket listeners as if received;
 * `post` one polling body to the session's URL.
 */
export type PageCommand =
  | { action: 'send'; connection: string; frames: InjectedFrame[] }
  | { action: 'deliver'; connection: string; frames: InjectedFrame[] }
  | { action: 'post'; url: string; body: InjectedFrame };

/**
 * The relay to the hook: `ready` once, at the handshake; `panel` whenever a panel starts or stops listening to this
 * document (the hook hands records over sooner while one listens); `command` to act on a connection.
 */
export type ContentToPage =
  | { type: 'ready'; version: number }
  | { type: 'panel'; version: number; listening: boolean }
  | { type: 'command'; version: number; command: PageCommand };

/** A record once the relay accepted it: numbered per document so that replays can be de-duplicated downstream. */
export type RelayedRecord = PageRecord & { seq: number };

/** Where a batch of records comes from: one document in one frame of a tab. */
export interface DocumentInfo {
  /** Random per document load: a reload or navigation gives a new one. */
  documentId: string;
  url: string;
  title: string;
  /** Milliseconds since the epoch at which the document started. */
  startedAt: number;
}

export type ContentToBackground =
  | { type: 'hello'; version: number; document: DocumentInfo }
  | { type: 'records'; version: number; documentId: string; records: RelayedRecord[]; dropped: number };

/**
 * `replay`: a panel inspects the tab: send the whole backlog again, then every new record as it comes. `idle`: no
 * panel inspects the tab any more: stop sending records (they stay in the backlog for the next `replay`).
 * `announce`: say hello even without traffic (the top frame of a tab whose subframes have sockets, so that the tab
 * is known by its own URL and title).
 */
export type BackgroundToContent =
  | { type: 'replay' }
  | { type: 'idle' }
  | { type: 'announce' }
  | { type: 'command'; version: number; documentId: string; command: PageCommand };

export interface InspectedTab {
  tabId: number;
  url: string;
  title: string;
}

export type PanelToBackground =
  | { type: 'subscribe'; version: number; tabId: number }
  | { type: 'list-tabs'; version: number }
  /** Run a command in the document `documentId` of frame `frameId` of tab `tabId`. */
  | { type: 'command'; version: number; tabId: number; frameId: number; documentId: string; command: PageCommand };

export type BackgroundToPanel =
  | { type: 'document'; version: number; tabId: number; frameId: number; document: DocumentInfo }
  | {
      type: 'records';
      version: number;
      tabId: number;
      frameId: number;
      documentId: string;
      records: RelayedRecord[];
      dropped: number;
    }
  | { type: 'tabs'; version: number; tabs: InspectedTab[] };

/** The names of the long-lived ports, so each side knows who connected. */
export const PORT_RELAY = 'relay';
export const PORT_PANEL = 'panel';
