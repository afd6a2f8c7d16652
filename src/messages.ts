/**
 * The typed messages of each hop of the flow, named after the hop they travel:
 *
 *   page hook --PageToContent--> relay --ContentToBackground--> background --BackgroundToPanel--> panel
 *   page hook <--ContentToPage-- relay <--BackgroundToContent-- background <--PanelToBackground-- panel
 *
 * Every message carries the protocol version and is validated where it is received (the hook: channel.ts; the
 * relay: content/validate.ts; the background: background/validate.ts; the panel: panel/validate.ts and, for the hook's
 * batches it receives as text, page-batch.ts), so stale halves
 * (an old content script next to a reloaded extension) detect each other and stop talking.
 *
 * Versions, each with what it added:
 * 1. The hops and their unions: records, hello, subscribe, list-tabs, command.
 * 2. A records batch of the hook declares its record `count` at its head (the relay keeps batches as text).
 * 3. `panel` (relay to hook): whether a panel listens, so the hook paces its hand-overs for it.
 * 4. The idle budget and a sealed boundary: a batch's head also declares `head`, `frames`, `time` and the hook's
 *    `errors`; `unrecorded` records (plain WebSocket frames not recorded while no panel listened) and relay-made `gap`
 *    records (what the backlog let go); `attached` and `ready` with the page's capture settings (relay to hook);
 *    `budget` (background to relay: the document's share of the tab's budget); `status` (relay to background to
 *    panel: the hook's capture errors and the commands the relay refused); `hello` says whether the document has
 *    traffic; `replay`, `idle` and `announce` carry the version too.
 * 5. WebTransport: records of transport `webtransport` (each frame a chunk of the session's bidirectional stream, as
 *    base64), capture errors of kind `webtransport`; `send`/`deliver` commands on a WebTransport connection.
 * 6. Intercept: `intercept` carries the breakpoints (panel to background to every relay of the tab to the hook, which
 *    then also hears `releaseAll` when the panel is gone) and, the other way, the packets the hook holds and those it
 *    let go; the `release` command forwards (as they were, or as the panel re-encoded them) or drops a held packet;
 *    capture errors of kind `intercept`.
 * 7. Intercept marks: a frame record of a packet a breakpoint or rule held carries `intercept` (what became of it, how
 *    long it was held, the original of an edited one); a dropped packet is recorded too, marked; `release` carries
 *    the panel's mark. Intercept over polling: `deliver` to a polling session's lane (`poll-<sid>`).
 * 8. `batches` (relay to background to panel) in place of `records`: the hook's batches as the text it handed over,
 *    each with the number of its first record, and gap records; the panel parses, validates and numbers them.
 * 9. Mock server: the hook's `MockRequest`s and the relay's `MockReply`s on the channel (MOCK_PAGE_EVENT,
 *    MOCK_CONTENT_EVENT).
 * 10. Workers: `capture-workers` (panel to background) turns the capture of the tab's workers on or off; `workers`
 *    (background to panel) says whether it is on, available, and which workers it reaches; a worker's records come as a
 *    document of frame WORKER_FRAME_ID whose DocumentInfo names its `worker`, its batches made by the background.
 * 11. Compact records: a records batch describes each connection it names once, in its `connections` table (transport
 *    and URL), and its records name the connection by id only; a frame's payload carries `size` only when truncated
 *    (WrittenRecord). About half the characters per frame on every hop.
 * 12. Held floods: `hold` (panel to background, and to every relay of the tab once each of its panels holds) has the
 *    relays keep new batches while a panel holds a flood unread, telling only their times, counts and first numbers
 *    (`tally`, relay to background to panel), and send them after, marked `kept` (a field of every `batches`).
 * 13. `hold` says how a relay keeps (`Keeping`): besides every record (`all`, as `on` was) or none, a panel that reads
 *    live lets the relays keep a flood from its first batches, by their own measure of its rate (`flood`).
 * 14. Compact frames: a frame without HTTP fields or marks is written as a tuple (WrittenFrame), and a text payload
 *    that was not truncated as its text alone (WrittenPayload). About 40% fewer characters per small frame on every
 *    hop and in every backlog.
 */

export const MESSAGE_PROTOCOL_VERSION = 14;

// The intercept, mock server and workers parts live in files of their own.
export * from './messages-intercept';
export * from './messages-mock';
export * from './messages-workers';
import type { InterceptMark, InterceptNews, InterceptRecordMark, WireBreakpoint } from './messages-intercept';
import type { WorkerInfo, WorkersState } from './messages-workers';

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
export type Transport = 'websocket' | 'polling' | 'webtransport';

/** Frame bytes as captured: text as is, binary as base64; `size` is the original size in bytes (UTF-16 units for text). */
export interface FramePayload {
  text?: string;
  base64?: string;
  size: number;
  truncated: boolean;
}

/**
 * What the page hook saw, in the order it saw it. `connection` is unique within one document. `unrecorded` stands
 * for the frames of a plain (non-Engine.IO) WebSocket that the hook let pass unrecorded while no panel listened (past
 * its first ones): how many, their total `size` (FramePayload.size units), and when the first of them came.
 */
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
      /** Held by a breakpoint or a rule first (a dropped one never went on). */
      intercept?: InterceptRecordMark;
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
  | { kind: 'error'; connection: string; transport: Transport; message: string; time: number }
  | { kind: 'unrecorded'; connection: string; transport: 'websocket'; count: number; size: number; time: number };

/** The characters of a record's payload (text, or base64 for binary); 0 for the other records. */
export function payloadChars(record: { kind: string; payload?: FramePayload }): number {
  return record.kind === 'frame' && record.payload ? (record.payload.text ?? record.payload.base64 ?? '').length : 0;
}

/** The places in the hook where a failure was caught (silently for the page), each counted. */
export const CAPTURE_ERROR_KINDS = [
  'websocket',
  'webtransport',
  'xhr',
  'fetch',
  'jsonp',
  'command',
  'channel',
  'intercept',
] as const;
export type CaptureErrorKind = (typeof CAPTURE_ERROR_KINDS)[number];
/** How many failures the hook caught so far, by kind (kinds without any are left out). */
export type CaptureErrors = Partial<Record<CaptureErrorKind, number>>;

/** A connection as a batch's table describes it: once per batch, for the records of it the batch holds. */
export interface ConnectionDescription {
  transport: Transport;
  url: string;
}

/**
 * A frame's payload as the hook writes it: a text not truncated as the string itself; otherwise an object, with `size`
 * only when it was truncated from that size (see FramePayload).
 */
export type WrittenPayload = string | { text: string; size?: number } | { base64: string; size?: number };

/**
 * A frame without HTTP fields or marks, as the hook writes it: its direction (`s` sent, `r` received), connection id,
 * payload and time. Most frames are such, and a tuple spares their keys (see WrittenRecord).
 */
export type WrittenFrame = ['s' | 'r', string, WrittenPayload, number];

/**
 * A record as the hook writes it in a batch: a PageRecord whose connection is named by its id only (its transport and
 * URL are in the batch's `connections`), its payloads written (WrittenPayload); a frame without HTTP fields or marks
 * as a WrittenFrame.
 */
export type WrittenRecord =
  | WrittenFrame
  | { kind: 'open'; connection: string; time: number }
  | {
      kind: 'frame';
      connection: string;
      direction: Direction;
      payload: WrittenPayload;
      time: number;
      method?: string;
      status?: number;
      injected?: true;
      intercept?: Omit<InterceptRecordMark, 'original'> & { original?: WrittenPayload };
    }
  | { kind: 'close'; connection: string; code: number; reason: string; wasClean: boolean; time: number }
  | { kind: 'error'; connection: string; message: string; time: number }
  | { kind: 'unrecorded'; connection: string; count: number; size: number; time: number };

/**
 * Once the relay said `ready` on the channel, the hook posts batches of records, as JSON text written in this key
 * order, so that the relay reads the head without parsing the records: `count` records, `frames` of them frames;
 * `head` when they are the beginnings of connections and sessions (opens, closes, errors, the first frames: the relay
 * keeps them apart, see backlog.ts); `time` of the first record; `errors` caught so far in the hook (cumulative); and,
 * after the records, the table of the `connections` they name, each once.
 */
export type PageToContent =
  | {
      type: 'records';
      version: number;
      count: number;
      frames: number;
      head: boolean;
      time: number;
      errors: CaptureErrors;
      records: WrittenRecord[];
      connections: Record<string, ConnectionDescription>;
    }
  | InterceptNews;

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
  | { action: 'post'; url: string; body: InjectedFrame }
  /** Lets a held packet go: `forward` (its own frames, or `frames` in their place) or `drop`. */
  | { action: 'release'; hold: string; verdict: 'forward' | 'drop'; frames?: InjectedFrame[]; mark?: InterceptMark };

/**
 * What the hook applies from the extension's settings: whether this page is captured at all, and the size above which
 * a frame is kept truncated (FramePayload.size units: bytes, UTF-16 code units for text).
 */
export interface CaptureSettings {
  capture: boolean;
  maxFrameSize: number;
}

/**
 * The relay to the hook: `attached` at once when it took the channel (the hook offers it no more); `ready` once the
 * settings are read (the hook hands records over from then on, or drops them all when the page is not captured);
 * `panel` whenever a panel starts or stops listening to this document (the hook hands records over sooner while one
 * listens, and records plain WebSockets in full); `command` to act on a connection.
 */
export type ContentToPage =
  | { type: 'attached'; version: number }
  | { type: 'ready'; version: number; settings: CaptureSettings }
  | { type: 'panel'; version: number; listening: boolean }
  | { type: 'command'; version: number; command: PageCommand }
  | { type: 'intercept'; version: number; breakpoints: WireBreakpoint[]; releaseAll: boolean };

/**
 * Made by the relay where its backlog let records go (its budget), replayed at its place: the records `from`..`to`
 * (its own `seq` is `from`), `count` of them, `frames` of those frames, `chars` characters of the hook's batch text,
 * the first from `time`.
 */
export interface GapRecord {
  kind: 'gap';
  seq: number;
  from: number;
  to: number;
  count: number;
  frames: number;
  chars: number;
  time: number;
}

/**
 * A batch of the hook as the relay forwards it: the text it came in (PageToContent `records`), unparsed, with the
 * number of its first record and the record count its head declared; its records are numbered on from `firstSeq`.
 */
export interface RelayedBatch {
  kind: 'batch';
  firstSeq: number;
  count: number;
  text: string;
}

/**
 * A batch as the page's rate reads it (src/page-rate.ts): when the page took its first record in (epoch ms, its
 * clock), and how many records it holds, as its head declares.
 */
export interface BatchTime {
  time: number;
  records: number;
}

/**
 * How a tab's relays keep their new records for its panels (`hold`), from the least to the most: `no`, each goes as it
 * comes (a panel reads live and holds no flood: while it acts on each packet, after its Show now, while it catches up,
 * or for a while after a probe found no flood: src/panel/flood-hold.ts); `flood`, each goes as it comes until
 * the relay's own measure of the page's rate passes FLOOD_RATE (src/pacer.ts), and from then every one is kept, as
 * for `all`, until told another way (the panel then holds the flood, or probes it, or says `no`); `all`, every one is
 * kept (each panel holds a flood unread, or probes it). A relay keeps the least of what its tab's panels say.
 */
export type Keeping = 'no' | 'flood' | 'all';
export const KEEPINGS: readonly Keeping[] = ['no', 'flood', 'all'];

/** A batch a relay keeps for holding panels, as its `tally` tells it: its time and count, and its first record's number. */
export interface TalliedBatch extends BatchTime {
  firstSeq: number;
}

/** A record once the panel read it from its batch: numbered per document so that replays can be de-duplicated. */
export type RelayedRecord = PageRecord & { seq: number };

/** A document's records in seq order, as the panel reads them: the records kept, and a gap where some went. */
export type RelayedEntry = RelayedRecord | GapRecord;

/** What a document reports besides its records: the hook's caught failures and the commands the relay refused. */
export interface DocumentStatus {
  captureErrors: CaptureErrors;
  refusedCommands: number;
}

/** Where a batch of records comes from: one document in one frame of a tab. */
export interface DocumentInfo {
  /** Random per document load: a reload or navigation gives a new one. */
  documentId: string;
  url: string;
  title: string;
  /** Milliseconds since the epoch at which the document started. */
  startedAt: number;
  /** Set when the records come from a worker of the tab (through the debugger), not from a frame's document. */
  worker?: WorkerInfo;
}

/**
 * `hello` when the relay connects, and again when a document that announced itself first has traffic (`traffic`:
 * the background shares the tab's idle budget among the documents that have traffic); `status` whenever it changed
 * while a panel listens.
 */
export type ContentToBackground =
  | { type: 'hello'; version: number; document: DocumentInfo; traffic: boolean }
  | {
      type: 'batches';
      version: number;
      documentId: string;
      batches: (RelayedBatch | GapRecord)[];
      dropped: number;
      /** Kept while the panels held (see `hold`): their times were told in `tally` messages already. */
      kept: boolean;
    }
  /** While the panels hold: the batches the relay keeps for them, told by their times, counts and first numbers. */
  | { type: 'tally'; version: number; documentId: string; batches: TalliedBatch[] }
  | ({ type: 'status'; version: number; documentId: string } & DocumentStatus)
  | ({ documentId: string } & InterceptNews);

/**
 * `replay`: a panel inspects the tab: send the whole backlog again, then every new record as it comes. `idle`: no
 * panel inspects the tab any more: stop sending records (they stay in the backlog for the next `replay`). `hold`:
 * how the tab's panels let the relay keep new records (Keeping): a kept one stays in the backlog, its batch told only
 * by its time, count and first number (`tally`), and is sent (`kept`) once the relay is told to keep less, or before
 * the backlog would let it go. A `replay` keeps nothing until told again.
 * `announce`: say hello even without traffic (the top frame of a tab whose subframes have sockets, so that the tab
 * is known by its own URL and title). `budget`: the bytes of page heap the backlog of document `documentId` may hold
 * (its share of the tab's idle budget).
 */
export type BackgroundToContent =
  | { type: 'replay'; version: number }
  | { type: 'idle'; version: number }
  | { type: 'hold'; version: number; keep: Keeping }
  | { type: 'announce'; version: number }
  | { type: 'budget'; version: number; documentId: string; bytes: number }
  | { type: 'command'; version: number; documentId: string; command: PageCommand }
  | { type: 'intercept'; version: number; breakpoints: WireBreakpoint[] };

export interface InspectedTab {
  tabId: number;
  url: string;
  title: string;
}

export type PanelToBackground =
  | { type: 'subscribe'; version: number; tabId: number }
  | { type: 'list-tabs'; version: number }
  /** Run a command in the document `documentId` of frame `frameId` of tab `tabId`. */
  | { type: 'command'; version: number; tabId: number; frameId: number; documentId: string; command: PageCommand }
  /** The breakpoints for every document of tab `tabId`. */
  | { type: 'intercept'; version: number; tabId: number; breakpoints: WireBreakpoint[] }
  /** Capture the traffic of tab `tabId`'s workers (through the debugger), or stop. */
  | { type: 'capture-workers'; version: number; tabId: number; on: boolean }
  /** How the panel lets the relays of its tab keep their records (src/panel/flood-hold.ts), from now on. */
  | { type: 'hold'; version: number; keep: Keeping };

export type BackgroundToPanel =
  | { type: 'document'; version: number; tabId: number; frameId: number; document: DocumentInfo }
  | {
      type: 'batches';
      version: number;
      tabId: number;
      frameId: number;
      documentId: string;
      batches: (RelayedBatch | GapRecord)[];
      dropped: number;
      kept: boolean;
    }
  | { type: 'tally'; version: number; tabId: number; frameId: number; documentId: string; batches: TalliedBatch[] }
  | ({ type: 'status'; version: number; tabId: number; frameId: number; documentId: string } & DocumentStatus)
  | ({ tabId: number; frameId: number; documentId: string } & InterceptNews)
  | ({ type: 'workers'; version: number; tabId: number } & WorkersState)
  | { type: 'tabs'; version: number; tabs: InspectedTab[] };

/** The names of the long-lived ports, so each side knows who connected. */
export const PORT_RELAY = 'relay';
export const PORT_PANEL = 'panel';
