import { isCount } from '../message-guards';
import type { BatchTime } from '../messages';
import { isPlainObject } from '../protocol';

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
