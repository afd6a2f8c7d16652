/** What the user typed for a breakpoint or a rule, as the hook matches it. */
import type { WireBreakpoint } from '../messages';
import { SioPacketType } from '../protocol/packet-types';

export type BreakDirection = WireBreakpoint['direction'];

/** The Socket.IO packet types a breakpoint can ask for, each with the wire ids it matches (text and binary forms). */
export const BREAK_TYPES = {
  EVENT: [SioPacketType.EVENT, SioPacketType.BINARY_EVENT],
  ACK: [SioPacketType.ACK, SioPacketType.BINARY_ACK],
  CONNECT: [SioPacketType.CONNECT],
  DISCONNECT: [SioPacketType.DISCONNECT],
  CONNECT_ERROR: [SioPacketType.CONNECT_ERROR],
} as const;
export type BreakType = keyof typeof BREAK_TYPES;

export interface Breakpoint {
  /** What the user typed in "Break on": an event name, or a `/regex/` over the wire text (or nothing). */
  on: string;
  direction: BreakDirection;
  namespace?: string;
  type?: BreakType;
}

/** A breakpoint as one line: its type, namespace and what it breaks on. */
export const describeBreakpoint = (breakpoint: Breakpoint) =>
  [breakpoint.type, breakpoint.namespace, breakpoint.on].filter(Boolean).join(' ');

/** The breakpoint as the hook matches it, or why it cannot be one. */
export function toWireBreakpoint(
  breakpoint: Breakpoint,
): { ok: true; wire: WireBreakpoint } | { ok: false; error: string } {
  const on = breakpoint.on.trim();
  const namespace = breakpoint.namespace?.trim() || undefined;
  const types = breakpoint.type && [...BREAK_TYPES[breakpoint.type]];
  if (namespace && !namespace.startsWith('/')) return { ok: false, error: 'A namespace starts with /' };
  if (!on && !namespace && !types)
    return { ok: false, error: 'Name an event, or write a /regex/ over the wire text, or pick a type or namespace' };
  const wire: WireBreakpoint = { direction: breakpoint.direction, ...(namespace ? { namespace } : {}) };
  if (on.length > 1 && on.startsWith('/') && on.endsWith('/')) {
    const pattern = on.slice(1, -1);
    try {
      new RegExp(pattern);
    } catch (error) {
      return { ok: false, error: `Not a regular expression: ${(error as Error).message}` };
    }
    return { ok: true, wire: { ...wire, pattern, ...(types ? { types } : {}) } };
  }
  if (!on) return { ok: true, wire: { ...wire, ...(types ? { types } : {}) } };
  if (breakpoint.type && breakpoint.type !== 'EVENT')
    return { ok: false, error: 'An event name matches EVENT packets only' };
  return { ok: true, wire: { ...wire, eventJson: JSON.stringify(on), types: [...BREAK_TYPES.EVENT] } };
}
