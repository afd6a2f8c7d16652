import { debug } from '../debug';
import {
  MESSAGE_PROTOCOL_VERSION,
  PORT_RELAY,
  type BackgroundToContent,
  type TalliedBatch,
  type ContentToBackground,
  type DocumentInfo,
  type DocumentStatus,
  type GapRecord,
  type InterceptNews,
  type Keeping,
  type RelayedBatch,
} from '../messages';
import { browser, type Runtime } from '../platform';
import { createPacer, FLOOD_RATE } from '../pacer';
import { createPageRate } from '../page-rate';
import { relayed, type Batch, type createBacklog } from './backlog';
import { createKeptBatches, KEEP_AFTER_SENDING } from './kept-batches';
import type { createPollingSessions } from './sessions';
import { isBackgroundToContent } from './validate';

/**
 * While a panel listens, each batch of the hook goes to the background as it comes: the hook paces its hand-overs for
 * the panel (and counts this relay's work, which runs within its event, in their cost). What else the relay tells (the
 * document's status, what went malformed) goes at most this often.
 */
const FLUSH_INTERVAL_MS = 5;
/** Messages between extension contexts have a size limit (64 MiB in Chrome): large replays go in chunks. */
const MAX_CHUNK_CHARS = 8 * 1024 * 1024;

/**
 * While keeping, once no batch came for this long the flood may have ended (the hook hands a flood over every 100 ms):
 * what was kept goes then, so that it has crossed the hops when the panel sees the end (after 500 ms without news).
 * A flood that goes on is kept again from its next batch; one that paused cost a message.
 */
const KEPT_QUIET_MS = 150;

/** A random id; not crypto.randomUUID, which insecure-context frames (in Firefox, even to a content script) lack. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const documentInfo: DocumentInfo = {
  documentId: randomId(),
  url: location.href,
  title: document.title,
  startedAt: performance.timeOrigin,
};

/**
 * The relay's side of its port to the background: says hello (when the page first has traffic, or when asked to
 * announce itself), streams the backlog's batches between a `replay` and an `idle`, reports the document's status and
 * what the hook holds; `lost` runs when the port to the background closes.
 */
export function createBackgroundPort(
  backlog: ReturnType<typeof createBacklog>,
  sessions: ReturnType<typeof createPollingSessions>,
  lost: () => void,
) {
  let port: Runtime.Port | undefined;
  /** Whether the hook handed over any batch (the background shares the tab's budget among such documents). */
  let traffic = false;
  /** Between a `replay` and an `idle`: batches go out as they come (else they only wait in the backlog). */
  let streaming = false;
  let outgoing: (RelayedBatch | GapRecord)[] = [];
  let dropped = 0;
  /**
   * How the panels let this relay keep (`hold`), and whether it keeps: new batches stay in the backlog, told only by
   * their times, counts and first numbers (`tallies`).
   */
  let keep: Keeping = 'no';
  let keeping = false;
  /** The page's rate, from the hook's batches: past FLOOD_RATE, a flood the panels let the relay keep (`flood`). */
  let pageRate = createPageRate();
  const kept = createKeptBatches(backlog);
  let tallies: TalliedBatch[] = [];
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  const status: DocumentStatus = { captureErrors: {}, refusedCommands: 0 };
  /** The status as last sent (JSON), so that it goes again only when it changed. */
  let statusSent = '';

  function send(message: ContentToBackground): void {
    if (__DEBUG__) debug('relay↔background', '→', message);
    port!.postMessage(message);
  }

  /** Says hello, on the port opened for it if none is open; a failure (the extension went away) is retried later. */
  function hello(): void {
    try {
      if (!port) {
        port = browser.runtime.connect({ name: PORT_RELAY });
        port.onDisconnect.addListener(() => {
          port = undefined;
          lost();
        });
      }
      const document = { ...documentInfo, title: window.document.title };
      send({ type: 'hello', version: MESSAGE_PROTOCOL_VERSION, document, traffic });
    } catch {
      port = undefined;
    }
  }

  /** The first entries of `entries` up to MAX_CHUNK_CHARS (one at least), and the rest. */
  function chunk(entries: (RelayedBatch | GapRecord)[]): [(RelayedBatch | GapRecord)[], (RelayedBatch | GapRecord)[]] {
    let chars = 0;
    let count = 0;
    while (count < entries.length && (count === 0 || chars < MAX_CHUNK_CHARS)) {
      const entry = entries[count++];
      if (entry.kind === 'batch') chars += entry.text.length;
    }
    return count === entries.length ? [entries, []] : [entries.slice(0, count), entries.slice(count)];
  }

  /** Sends `entries` in chunks, and the dropped count with the first (or alone). */
  function sendBatches(entries: (RelayedBatch | GapRecord)[], kept: boolean): void {
    const { documentId } = documentInfo;
    let rest = entries;
    while (rest.length > 0 || dropped > 0) {
      const [batches, after] = chunk(rest);
      rest = after;
      send({ type: 'batches', version: MESSAGE_PROTOCOL_VERSION, documentId, batches, dropped, kept });
      dropped = 0;
    }
  }

  function flush(): void {
    if (!streaming) return;
    dropped += backlog.takeDropped();
    const statusText = JSON.stringify(status);
    if (outgoing.length === 0 && tallies.length === 0 && dropped === 0 && statusText === statusSent) return;
    try {
      if (!port) hello();
      const { documentId } = documentInfo;
      const entries = outgoing;
      outgoing = [];
      sendBatches(entries, false);
      if (tallies.length > 0) send({ type: 'tally', version: MESSAGE_PROTOCOL_VERSION, documentId, batches: tallies });
      tallies = [];
      if (statusText !== statusSent) send({ type: 'status', version: MESSAGE_PROTOCOL_VERSION, documentId, ...status });
      statusSent = statusText;
    } catch {
      // The background went away (stopped service worker, reloaded extension): the backlog keeps what it can and
      // the next subscribing panel asks for it again.
      port = undefined;
      outgoing = [];
      tallies = [];
    }
  }

  /** Sends what was kept for the panels (after what was told of it), or its oldest part (see KeptBatches.take). */
  function sendKept(leave?: number): void {
    flush();
    const entries = kept.take(leave);
    if (entries.length === 0) return;
    try {
      sendBatches(entries, true);
    } catch {
      port = undefined;
    }
  }

  /** Keeps nothing more, until told: what is kept stays in the backlog, for the next replay. */
  function stopKeeping(): void {
    keep = 'no';
    keeping = false;
    pageRate = createPageRate();
    kept.clear();
    tallies = [];
    clearTimeout(quietTimer);
  }

  /** Sends what was kept once no batch came for KEPT_QUIET_MS. */
  function sendKeptWhenQuiet(): void {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(() => sendKept(), KEPT_QUIET_MS);
  }

  const pacer = createPacer(flush, FLUSH_INTERVAL_MS);

  return {
    status,
    /** Whether a message of the background is one to act on (of this version and shape). */
    accepts: (message: unknown): message is BackgroundToContent => isBackgroundToContent(message),
    /** A batch the backlog took (or undefined, malformed): the first says hello; streaming, it goes out at once. */
    received(batch: Batch | undefined): void {
      if (batch && !traffic) {
        traffic = true;
        hello();
      }
      if (!streaming) return;
      if (!batch) return pacer.request();
      sessions.learn(batch.text);
      pageRate.add({ time: batch.time, records: batch.count });
      if (keep === 'flood' && !keeping) keeping = pageRate.perSecond() > FLOOD_RATE;
      if (!keeping) outgoing.push(relayed(batch));
      else {
        tallies.push({ time: batch.time, records: batch.count, firstSeq: batch.firstSeq });
        if (kept.keep(batch)) sendKept(KEEP_AFTER_SENDING);
        sendKeptWhenQuiet();
      }
      pacer.runNow();
    },
    /** Sends the whole backlog again, then streams; the panel drops the records it already has by their seq. */
    replay(): void {
      streaming = true;
      stopKeeping();
      statusSent = '';
      outgoing = backlog.all();
      for (const entry of outgoing) if (entry.kind === 'batch') sessions.learn(entry.text);
      pacer.runNow();
    },
    /** No panel listens: records only go to the backlog (and the dropped count waits for the next replay). */
    idle(): void {
      streaming = false;
      outgoing = [];
      stopKeeping();
    },
    /** How the panels let the relay keep new records from now on: sends what was kept when that is less. */
    hold(to: Keeping): void {
      if (!streaming || to === keep) return;
      keep = to;
      if (to === 'all') keeping = true;
      else if (keeping) {
        keeping = false;
        clearTimeout(quietTimer);
        sendKept();
      }
    },
    /** Says hello to the background, so that the tab is listed for panels, without sending records. */
    announce: hello,
    /** What the hook holds now, and what it let go, at once to the panels. */
    intercept(news: InterceptNews): void {
      try {
        if (!port) hello();
        send({ ...news, documentId: documentInfo.documentId });
      } catch {
        port = undefined;
      }
    },
    /** A command the relay refused: counted, and shown to the panel with the status. */
    refused(): void {
      status.refusedCommands++;
      pacer.request();
    },
  };
}
