import { isCount } from '../message-guards';
import type { BatchTime } from '../messages';
import { isPlainObject } from '../protocol';

/** The rate is taken over the batches of about the last this many ms of the page's time (unless told)… */
const WINDOW_MS = 250;
/** …once they span at least this long. */
const MIN_SPAN_MS = 50;
/** At most this many batches are kept for it (a page could stamp any number with one time). */
const MAX_BATCHES = 256;
/**
 * A batch stamped later than this past the panel's clock is left out: the page's clock and the panel's are the
 * machine's (the epoch), and a stamp from the future would push every true one out of the window for as long.
 */
export const FUTURE_MS = 1000;

/**
 * The rate at which the page takes records in, read from the batches' own times rather than from when they reach the
 * panel: hops that wait and then hand several over at once are no flood, and a backlog replayed when the panel
 * subscribes holds records of the past, at the rate they came then. Between two batches' first records come the
 * earlier batch's records, so the rate over the window is the records of all its batches but the newest, over the
 * time from the oldest's first record to the newest's. The times are the page's: a page that lies about them can
 * only make the panel hold its records sooner or later (see flood-hold.ts). `epochNow` is the panel's clock.
 */
export function createPageRate(epochNow: () => number = Date.now, windowMs = WINDOW_MS) {
  const recent: BatchTime[] = [];
  let newest = -Infinity;
  return {
    add(batch: BatchTime): void {
      if (!Number.isFinite(batch.time) || batch.records <= 0 || batch.time > epochNow() + FUTURE_MS) return;
      if (batch.time > newest) newest = batch.time;
      recent.push(batch);
      let gone = 0;
      while (gone < recent.length && (recent[gone].time < newest - windowMs || recent.length - gone > MAX_BATCHES))
        gone++;
      if (gone > 0) recent.splice(0, gone);
    },
    /** Records a second over the window, or 0 while its batches span less than MIN_SPAN_MS. */
    perSecond(): number {
      let oldest = Infinity;
      let latest = -Infinity;
      let latestRecords = 0;
      let records = 0;
      for (const batch of recent) {
        records += batch.records;
        if (batch.time < oldest) oldest = batch.time;
        if (batch.time >= latest) {
          latest = batch.time;
          latestRecords = batch.records;
        }
      }
      const span = latest - oldest;
      return span < MIN_SPAN_MS ? 0 : ((records - latestRecords) * 1000) / span;
    },
  };
}

/** Where a batch's head says when the page took its first record in (src/page/serialize.ts, batchHead). */
const HEAD_TIME = '"time":';
/** The head comes first in a batch's text, within this many characters. */
const HEAD_CHARS = 160;

/** The time a batch's head gives, or NaN. */
function headTime(text: string): number {
  const at = text.indexOf(HEAD_TIME);
  return at < 0 || at > HEAD_CHARS ? NaN : parseFloat(text.slice(at + HEAD_TIME.length, at + HEAD_TIME.length + 24));
}

/**
 * What the flood hold counts of a message of the port, before it is checked (a message it holds is checked when
 * read): each batch's time and the records it says it holds, and their text's length, and whether a relay kept them
 * while the panel held (their times were told then: see the flood hold's `tally`). All are the page's: wrong ones can
 * only make the panel hold sooner or later, within MAX_HELD's characters.
 */
export function carried(message: unknown): { batches: BatchTime[]; chars: number; kept: boolean } {
  const counted: BatchTime[] = [];
  let chars = 0;
  const batches = isPlainObject(message) && message.type === 'batches' ? message.batches : undefined;
  const kept = isPlainObject(message) && message.kept === true;
  if (!Array.isArray(batches)) return { batches: counted, chars, kept };
  for (const batch of batches as unknown[]) {
    if (!isPlainObject(batch) || batch.kind !== 'batch' || typeof batch.text !== 'string') continue;
    chars += batch.text.length;
    if (isCount(batch.count)) counted.push({ time: headTime(batch.text), records: batch.count });
  }
  return { batches: counted, chars, kept };
}
