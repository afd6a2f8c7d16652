import { formatCount } from '../../count-text';
import { globalClock, type PacerClock } from '../../pacer';
import type { CaptureStore, RecordsBefore } from './capture';
import type { CaptureStores } from '.';
import { syncTimeline } from './timeline';

/** While records the page's relays kept are on their way, catching up looks for them this often… */
const LOOK_EVERY_MS = 50;
/**
 * …and gives up on them once none came for this long: their relay went away (its page navigated). Longer than the
 * flood hold's own wait (KEPT_WAIT_MS, flood-hold.ts), which loses nothing when it ends (what comes later is read as it
 * comes): in Firefox the word to send them reaches a flooding page's relay only after the socket messages queued
 * before it, and 86,000 kept records of the load test came more than a second after an export asked for them.
 */
export const NOT_COMING_MS = 5000;

/** How many of the records numbered below `before` (per document) the capture has not seen yet. */
function stillToCome(capture: CaptureStore, before: RecordsBefore): number {
  if (capture.imported.value !== undefined) return 0; // a file is shown: live records are left out until Clear
  let count = 0;
  for (const [documentId, below] of before) count += below - (capture.seen.get(documentId)?.countBelow(below) ?? 0);
  return count;
}

/**
 * Brings the capture and its timeline up to all the page sent before now, decodes what was not yet, and then runs
 * `then`: every action that reads the whole capture (export, Copy as Playwright test, Mock this session, Replay) runs
 * in it, so that during a flood it sees what the page sent, not only what the panel had read. It reads what the bridge
 * holds unread and, if the page's relays kept records of a held flood (they send them once told, see RecordsBefore),
 * waits for them, reading again what the bridge holds as they come (a flood that goes on is held again), for as long
 * as they keep coming (see NOT_COMING_MS), and says so in the notice meanwhile. `then` is told how many did not come.
 * With none to wait for, `then` runs at once, in the caller's task (the click that asked for a download or a copy),
 * and what it throws reaches the caller as it did; after a wait, the promise rejects with it.
 */
export function catchUpCapture(
  stores: CaptureStores,
  then: (notCame: number) => void,
  clock: PacerClock = globalClock,
): Promise<void> {
  const before = stores.readHeld();
  const finish = (notCame: number) => {
    syncTimeline(stores.timeline, stores.capture);
    then(notCame);
  };
  let toCome = stillToCome(stores.capture, before);
  if (toCome === 0) return Promise.resolve(finish(0));
  return (async () => {
    let cameAt = clock.now();
    let said = '';
    while (toCome > 0 && clock.now() - cameAt < NOT_COMING_MS) {
      stores.notice.value = said = `Waiting for ${formatCount(toCome)} records the page kept during a flood…`;
      await new Promise<void>((resolve) => clock.setTimeout(resolve, LOOK_EVERY_MS));
      stores.readHeld();
      const left = stillToCome(stores.capture, before);
      if (left < toCome) cameAt = clock.now();
      toCome = left;
    }
    if (stores.notice.value === said) stores.notice.value = '';
    finish(toCome);
  })();
}

/** What an action that read the whole capture says when `count` records the page kept did not come (none: nothing). */
export function notCameText(count: number): string {
  return count > 0 ? ` (without ${formatCount(count)} records the page kept during a flood: they did not come)` : '';
}
