/** What the user typed for a breakpoint or a rule, as the hook matches it. */
import type { WireBreakpoint } from '../../messages';
import { SioPacketType } from '../../protocol/packet-types';

export type BreakDirection = WireBreakpoint['direction'];

export interface Breakpoint {
  /** What the user typed in "Break on": an event name, or a `/regex/` over the wire text. */
  on: string;
  direction: BreakDirection;
}

/** The breakpoint as the hook matches it, or why it cannot be one. */
export function toWireBreakpoint(
  breakpoint: Breakpoint,
): { ok: true; wire: WireBreakpoint } | { ok: false; error: string } {
  const on = breakpoint.on.trim();
  const { direction } = breakpoint;
  if (!on) return { ok: false, error: 'Name an event, or write a /regex/ over the wire text' };
  if (on.length > 1 && on.startsWith('/') && on.endsWith('/')) {
    const pattern = on.slice(1, -1);
    try {
      new RegExp(pattern);
    } catch (error) {
      return { ok: false, error: `Not a regular expression: ${(error as Error).message}` };
    }
    return { ok: true, wire: { direction, pattern } };
  }
  const types = [SioPacketType.EVENT, SioPacketType.BINARY_EVENT];
  return { ok: true, wire: { direction, eventJson: JSON.stringify(on), types } };
}
