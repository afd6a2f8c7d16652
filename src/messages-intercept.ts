/** The intercept parts of the messages (see messages.ts, versions 6 and 7): breakpoints, holds and their marks. */
import type { Direction, FramePayload } from './messages';

/** What became of a packet a breakpoint or a rule held. */
export const INTERCEPT_MARKS = [
  'forwarded',
  'edited',
  'dropped',
  'delayed',
  'rewritten',
  'answered',
  'let go',
] as const;
export type InterceptMark = (typeof INTERCEPT_MARKS)[number];

/** A frame's intercept mark: what became of its packet, held how long, and the header frame it had before an edit. */
export interface InterceptRecordMark {
  mark: InterceptMark;
  heldMs: number;
  original?: FramePayload;
}

/**
 * A breakpoint as the hook matches it against a WebSocket text frame (see src/protocol/wire-match.ts): its direction,
 * and any of the event name (as its JSON string literal), a namespace, Socket.IO type ids, and a regular expression's
 * source over the frame's text.
 */
export interface WireBreakpoint {
  direction: Direction | 'both';
  eventJson?: string;
  namespace?: string;
  types?: number[];
  pattern?: string;
}

/** A Socket.IO packet the hook holds (`hold` is unique within the document): its frames, header then attachments. */
export interface HeldPacket {
  hold: string;
  connection: string;
  url: string;
  direction: Direction;
  frames: FramePayload[];
  time: number;
}

/** What the hook tells of its holds: the packets it now holds, and the holds it let go without the panel asking. */
export interface InterceptNews {
  type: 'intercept';
  version: number;
  held: HeldPacket[];
  released: string[];
}
