import { signal } from '@preact/signals';
import { createDiagnoser } from '../diagnose/diagnoser';
import { createFeed } from '../diagnose/feed';
import type { DiagnoseSettings } from '../diagnose/types';
import type { SessionPacket } from '../decode/sessions';
import type { CaptureStore, CapturedRow } from './capture';
import type { TimelineStore } from './timeline';

/** How often, while the capture is live, time passing is checked for what did not come (an ack, a ping). */
const LIVE_TICK_MS = 1_000;
/** How late a record may reach the panel (each hop batches): what it brings is awaited that long. */
export const RECORD_LAG_MS = 1_000;

/**
 * The problems the rules find in the capture, kept in step with the timeline: each decoded batch goes through the
 * rules once (never the whole timeline again); a timeline decoded afresh starts them afresh.
 */
export function createProblemsStore(settings: Partial<DiagnoseSettings> = {}) {
  const diagnoser = createDiagnoser(settings);
  return {
    settings,
    diagnoser,
    feed: undefined as ReturnType<typeof createFeed> | undefined,
    /** The timeline's session tracker the rules follow (a new one means it decoded afresh), and how far they got:
     * the next entry index and the next capture row (counted as `CaptureStore.releasedRows` counts). */
    following: undefined as TimelineStore['tracker'] | undefined,
    seenEntries: 0,
    seenRows: 0,
    /** The capture's time as of the last sync, and the panel's clock then: time passing is measured from there. */
    clock: { captureTime: -Infinity, wallTime: 0 },
    /** The problem list and its revision as last published. */
    published: { list: diagnoser.list, revision: -1 },
    /** Bumped when the problems changed: the list is mutated in place. */
    revision: signal(0),
  };
}

export type ProblemsStore = ReturnType<typeof createProblemsStore>;

/** Bumps `revision` when the problems changed since it was last bumped. */
function publish(problems: ProblemsStore): void {
  const { list } = problems.diagnoser;
  if (problems.published.list === list && problems.published.revision === list.revision) return;
  problems.published = { list, revision: list.revision };
  problems.revision.value = problems.revision.peek() + 1;
}

/** Runs the rules over what the timeline decoded since the last call. */
export function syncProblems(problems: ProblemsStore, timeline: TimelineStore, capture: CaptureStore): void {
  if (problems.following !== timeline.tracker || !problems.feed) {
    problems.diagnoser = createDiagnoser(problems.settings);
    problems.feed = createFeed(problems.diagnoser, timeline.tracker.sessionOf);
    problems.following = timeline.tracker;
    problems.seenEntries = 0;
    problems.seenRows = 0;
  }
  // Rows and entries the panel let go (its maximum packets) before the rules saw them are passed over.
  const rows: CapturedRow[] = [];
  const firstRow = Math.max(problems.seenRows, capture.releasedRows);
  for (let at = firstRow; at < timeline.decodedRows; at++) rows.push(capture.rows[at - capture.releasedRows]);
  const packets: SessionPacket[] = [];
  const { entries } = timeline;
  const firstEntry = Math.max(0, problems.seenEntries - (entries[0]?.index ?? 0));
  for (let at = firstEntry; at < entries.length; at++) {
    const entry = entries[at];
    if (entry.kind === 'packet') packets.push(entry);
  }
  problems.feed.push(rows, packets);
  problems.seenRows = Math.max(firstRow, timeline.decodedRows);
  problems.seenEntries = timeline.nextIndex;
  problems.clock = { captureTime: problems.diagnoser.now(), wallTime: Date.now() };
  publish(problems);
}

/**
 * While the capture is live (recording, not an import), moves the rules' time on by the time passed on the panel's
 * clock since the last sync, less the time a record may take to arrive: a lower bound of the page's time when every
 * record of it has arrived, so nothing is reported early.
 */
export function tickProblems(problems: ProblemsStore, capture: CaptureStore, wallTime = Date.now()): void {
  if (capture.imported.peek() !== undefined || !capture.recording.peek()) return;
  const { captureTime, wallTime: since } = problems.clock;
  if (!Number.isFinite(captureTime)) return;
  problems.diagnoser.advance(captureTime + (wallTime - since) - RECORD_LAG_MS);
  publish(problems);
}

/** Keeps the problems in step with the timeline and with time passing; returns the function that stops. */
export function diagnoseAsDecoded(problems: ProblemsStore, timeline: TimelineStore, capture: CaptureStore): () => void {
  const stopDecoded = timeline.revision.subscribe(() => syncProblems(problems, timeline, capture));
  // Paused, the capture has a hole: what should have come meanwhile cannot be judged.
  const stopPaused = capture.recording.subscribe((recording) => {
    if (!recording) problems.diagnoser.forget();
  });
  const timer = setInterval(() => tickProblems(problems, capture), LIVE_TICK_MS);
  return () => {
    stopDecoded();
    stopPaused();
    clearInterval(timer);
  };
}
