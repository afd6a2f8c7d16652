/** What happened to each packet a breakpoint or a rule held: the panel's record of its verdicts, newest last. */
import type { InterceptMark } from '../../messages';
import type { PausedPacket } from '../../intercept/held';

export type { InterceptMark } from '../../messages';

export interface InterceptLogEntry {
  summary: string;
  mark: InterceptMark;
  /** How long the page held it, in ms (a delayed one: until its release was asked). */
  heldMs: number;
  /** Its arguments as held, and as sent instead (an edited one). */
  original?: string;
  sent?: string;
}

/** The log keeps the last this many verdicts. */
export const MAX_LOG = 200;

export function logEntry(packet: PausedPacket, mark: InterceptMark, sent?: string): InterceptLogEntry {
  return {
    summary: packet.summary,
    mark,
    heldMs: Math.max(0, Date.now() - packet.held.time),
    ...(packet.argsText === undefined ? {} : { original: packet.argsText }),
    ...(sent === undefined ? {} : { sent }),
  };
}
