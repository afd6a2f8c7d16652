import { CAPTURE_ERROR_KINDS, type CaptureErrorKind, type CaptureErrors } from '../messages';
import { bare } from './natives';
import { errorsJson } from './serialize';

/** Failures the hook caught (silently for the page) so far, by kind; they travel with every batch (cumulative). */
const counts: CaptureErrors = bare({});
let text = '{}';

/** Counts one failure caught in the hook, so that the panel can show it. */
export function countError(kind: CaptureErrorKind): void {
  counts[kind] = (counts[kind] ?? 0) + 1;
  text = errorsJson(CAPTURE_ERROR_KINDS, counts);
}

/** The counts as JSON, for the head of the next batch. */
export function capturedErrorsJson(): string {
  return text;
}
