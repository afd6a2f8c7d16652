import type { BatchTime } from './messages';

/** The rate is taken over the batches of about the last this many ms of the page's time (unless told)… */
const WINDOW_MS = 250;
/** …once they span at least this long. */
const MIN_SPAN_MS = 50;
/** At most this many batches are kept for it (a page could stamp any number with one time). */
const MAX_BATCHES = 256;
/**
 * A batch stamped later than this past the reader's clock is left out: the page's clock and the panel's are the
 * machine's (the epoch), and a stamp from the future would push every true one out of the window for as long.
 */
export const FUTURE_MS = 1000;

/**
 * The rate at which the page takes records in, read from the batches' own times rather than from when they reach the
 * panel: hops that wait and then hand several over at once are no flood, and a backlog replayed when the panel
 * subscribes holds records of the past, at the rate they came then. (A relay reads it from the hook's batches as they
 * come: see `Keeping`, messages.ts.) Between two batches' first records come the earlier batch's records, so the rate
 * over the window is the records of all its batches but the newest, over the time from the oldest's first record to
 * the newest's. The times are the page's: a page that lies about them can
 * only make the panel hold its records sooner or later (see src/panel/flood-hold.ts). `epochNow` is the reader's clock.
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
