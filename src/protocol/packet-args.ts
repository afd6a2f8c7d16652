// An EVENT/ACK's arguments kept in its wire text or msgpack bytes (see Packet.keepArgsInRaw), a binary one's with its
// attachments beside: checked, parsed, and held a while once read, so that a million packets hold their wire form and
// only the few being looked at hold a tree of values.
import { parseJson } from './json';
import { isJson } from './json-scan';
import { msgpackValueAt } from './msgpack-decode';
import type { Packet } from './packet';
import { reconstructBinary } from './placeholders';
import { notJsonProblem } from './socketio';

/** Why the JSON at `at` in `raw` is not JSON (as the decoder says it), or undefined when it is. Builds no values. */
export function argsProblem(raw: string, at: number): string | undefined {
  if (isJson(raw, at)) return undefined;
  const parsed = parseJson(raw.slice(at));
  return parsed.ok ? undefined : notJsonProblem(raw.slice(at), parsed.error);
}

/**
 * The arguments in `raw` from `at` (after the first element, the event name, when `named`): a JSON array in text, a
 * msgpack array in bytes, a binary packet's `attachments` put in place of their placeholders (the placeholders out of
 * range kept, and said); or why they are not one.
 */
export function argsInRaw(
  raw: string | Uint8Array,
  at: number,
  named: boolean,
  attachments?: readonly Uint8Array[],
): { args: unknown[]; placeholderProblem?: string } | string {
  let args: unknown[];
  let placeholderProblem: string | undefined;
  if (typeof raw === 'string') {
    const parsed = parseJson(raw.slice(at));
    if (!parsed.ok) return notJsonProblem(raw.slice(at), parsed.error);
    args = parsed.value as unknown[];
    if (attachments !== undefined) placeholderProblem = reconstructBinary(args, attachments).error;
  } else {
    const read = msgpackValueAt(raw, at);
    if (!read.ok) return `invalid msgpack packet: ${read.error}`;
    args = read.value as unknown[];
  }
  // The array is this read's own: shifting the name off is cheaper than copying the rest.
  if (named) args.shift();
  return placeholderProblem === undefined ? { args } : { args, placeholderProblem };
}

/** Packets that hold the arguments they read from `raw` last, at most: each read of one gives the same array. */
const HELD_ARGS = 64;
const held = {
  packets: new Array<Packet | undefined>(HELD_ARGS).fill(undefined),
  args: new Array<unknown[] | undefined>(HELD_ARGS).fill(undefined),
  at: new Array<number>(HELD_ARGS).fill(0),
  next: 0,
};

/** `packet` holds `args`, read from `at` in its raw: the packet that held some longest lets them go. */
export function holdArgs(packet: Packet, args: unknown[], at: number): void {
  const slot = held.next;
  held.next = (slot + 1) % HELD_ARGS;
  held.packets[slot]?.keepArgsInRaw(held.at[slot], true, held.args[slot]);
  held.packets[slot] = packet;
  held.args[slot] = args;
  held.at[slot] = at;
}
