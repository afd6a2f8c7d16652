/**
 * The isolated-world content script: keeps the hook's batches as the document's backlog (as text: no panel, no
 * parsing) and, while a panel inspects the tab, validates them and forwards their records to the background. It
 * connects to the background (to say hello) only once the page has socket traffic.
 */
import {
  CONTENT_EVENT,
  HANDSHAKE_EVENT,
  MESSAGE_PROTOCOL_VERSION,
  PAGE_EVENT,
  PORT_RELAY,
  RELAY_EVENT,
  payloadChars,
  type BackgroundToContent,
  type ContentToBackground,
  type ContentToPage,
  type DocumentInfo,
  type RelayedRecord,
} from '../messages';
import { browser, type Runtime } from '../platform';
import { createPacer } from '../pacer';
import { createBacklog } from './backlog';
import { readBacklogLimits } from './settings';

/** Records go to the background in batches, at most this often. */
const FLUSH_INTERVAL_MS = 20;
/** Messages between extension contexts have a size limit (64 MiB in Chrome): large replays go in chunks. */
const MAX_CHUNK_CHARS = 8 * 1024 * 1024;

/** A random id; not crypto.randomUUID, which insecure-context frames (in Firefox, even to a content script) lack. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const documentInfo: DocumentInfo = {
  documentId: randomId(),
  url: location.href,
  title: document.title,
  startedAt: performance.timeOrigin,
};
const backlog = createBacklog();
void readBacklogLimits().then((limits) => backlog.setLimits(limits));
let port: Runtime.Port | undefined;
/** Between a `replay` and an `idle` from the background: records go out as they come (else they only wait in the backlog). */
let streaming = false;
let outgoing: RelayedRecord[] = [];
let dropped = 0;

/** The port to the background, opened (with a hello) when first needed. */
function connected(): Runtime.Port {
  if (!port) {
    port = browser.runtime.connect({ name: PORT_RELAY });
    port.onDisconnect.addListener(() => (port = undefined));
    port.postMessage({
      type: 'hello',
      version: MESSAGE_PROTOCOL_VERSION,
      document: { ...documentInfo, title: document.title },
    });
  }
  return port;
}

function send(message: ContentToBackground): void {
  connected().postMessage(message);
}

function takeChunk(): RelayedRecord[] {
  let chars = 0;
  let count = 0;
  while (count < outgoing.length && (count === 0 || chars < MAX_CHUNK_CHARS)) {
    chars += payloadChars(outgoing[count++]);
  }
  const chunk = count === outgoing.length ? outgoing : outgoing.slice(0, count);
  outgoing = count === outgoing.length ? [] : outgoing.slice(count);
  return chunk;
}

function flush(): void {
  dropped += backlog.takeDropped();
  if (outgoing.length === 0 && dropped === 0) return;
  try {
    do {
      const records = takeChunk();
      send({
        type: 'records',
        version: MESSAGE_PROTOCOL_VERSION,
        documentId: documentInfo.documentId,
        records,
        dropped,
      });
      dropped = 0;
    } while (outgoing.length > 0);
  } catch {
    // The background went away (stopped service worker, reloaded extension): the backlog keeps everything and
    // the next subscribing panel asks for it again.
    port = undefined;
    outgoing = [];
  }
}

/** Sends the whole backlog again, then streams; the panel drops the records it already has by their sequence number. */
function replay(): void {
  // First the hook hands over what it holds, at once: into the backlog, within its limits, and so into the replay.
  tellPage(panelListening(true));
  streaming = true;
  outgoing = backlog.all();
  flush();
}

/** No panel listens: records only go to the backlog (and the dropped count waits for the next replay). */
function idle(): void {
  streaming = false;
  outgoing = [];
  tellPage(panelListening(false));
}

/** Says hello to the background, so that the tab is listed for panels, without sending records. */
function announce(): void {
  try {
    connected();
  } catch {
    port = undefined; // the extension was reloaded or is stopping: a later record tries again
  }
}

const pacer = createPacer(flush, FLUSH_INTERVAL_MS);

/** The node the hook offered at document start (see HANDSHAKE_EVENT); later offers, or the page's, are ignored. */
let channel: EventTarget | undefined;

function tellPage(message: ContentToPage): void {
  channel?.dispatchEvent(new CustomEvent(CONTENT_EVENT, { detail: JSON.stringify(message) }));
}

/** Tells the hook whether a panel listens, so that it paces its batches for it. */
function panelListening(listening: boolean): ContentToPage {
  return { type: 'panel', version: MESSAGE_PROTOCOL_VERSION, listening };
}

/** A batch from the hook: kept as it came; parsed (validated and numbered) only while a panel listens. */
function onPageMessage(event: Event): void {
  const batch = backlog.append((event as CustomEvent).detail);
  if (!streaming) {
    if (!port) announce();
    return;
  }
  if (batch) for (const record of backlog.read(batch)) outgoing.push(record);
  pacer.request();
}

function onHandshake(event: Event): void {
  const offered = (event as MouseEvent).relatedTarget;
  if (channel || !offered) return;
  channel = offered;
  channel.addEventListener(PAGE_EVENT, onPageMessage);
  document.removeEventListener(HANDSHAKE_EVENT, onHandshake);
  tellPage({ type: 'ready', version: MESSAGE_PROTOCOL_VERSION });
  if (streaming) tellPage(panelListening(true));
}

document.addEventListener(HANDSHAKE_EVENT, onHandshake);
document.dispatchEvent(new CustomEvent(RELAY_EVENT));

browser.runtime.onMessage.addListener((message: unknown) => {
  const received = message as BackgroundToContent | undefined;
  if (received?.type === 'replay')
    replay(); // nothing is sent, and no port opened, when the backlog is empty
  else if (received?.type === 'idle') idle();
  else if (received?.type === 'announce') announce();
  else if (received?.type === 'command' && received.documentId === documentInfo.documentId) {
    tellPage({ type: 'command', version: MESSAGE_PROTOCOL_VERSION, command: received.command });
  }
  return undefined;
});
