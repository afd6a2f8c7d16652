/** How the timeline tells what a breakpoint or a rule did to a packet (the hook's record mark). */
import type { InterceptRecordMark } from '../../messages';
import { formatDuration } from '../row-time';

/** One line, e.g. `edited, held 3.2 s` or `dropped by a rule, held 0 ms`. */
export function interceptMarkText({ mark, heldMs }: InterceptRecordMark): string {
  return `${mark}, held ${formatDuration(heldMs)}`;
}

/** The header frame's text as it was before an edit (or its size when it was binary). */
export function originalText({ original }: InterceptRecordMark): string | undefined {
  if (!original) return undefined;
  if (original.text === undefined) return `${original.size} B of binary`;
  return original.truncated ? `${original.text}… (${original.size} characters)` : original.text;
}
