/**
 * Rules: what the panel does at once with a packet the hook held for them, instead of showing it paused. Each matches
 * as a breakpoint does and acts: drop; delay by N ms; rewrite (replace the arguments, or merge a JSON object into the
 * object arguments); answer (an emit with an ack is answered to the page with given arguments, or an emit delivers an
 * event to the page instead), never reaching the server.
 */
import type { InjectedFrame, InterceptMark, WireBreakpoint } from '../messages';
import { encodeAck, encodeEmit, isPlainObject } from '../protocol';
import { matchesWire, readWireHeader, type WireMatcher } from '../protocol/wire-match';
import { parseArgs, toFrame } from '../protocol';
import { encodeEdited, heldTarget, type PausedPacket } from './held';

export const RULE_ACTIONS = {
  drop: 'Drop',
  delay: 'Delay (ms)',
  replace: 'Replace arguments',
  merge: 'Merge into arguments',
  'answer-ack': 'Answer the ack with',
  'answer-event': 'Answer with event',
} as const;
export type RuleAction = keyof typeof RULE_ACTIONS;

export interface Rule {
  on: string;
  direction: WireBreakpoint['direction'];
  action: RuleAction;
  /** The delay in ms, the arguments (a JSON array), the object to merge, or the event and its arguments (`["y", 1]`). */
  value: string;
  enabled: boolean;
  /** Runs while no panel inspects the page too (in the relay of each document of the origin). */
  pinned?: boolean;
}

/** Where the rules of an origin are kept in the extension's local storage. */
export const rulesStorageKey = (origin: string) => `interceptRules:${origin}`;

/** At most this many rules are kept per origin. */
export const MAX_RULES = 50;
const MAX_DELAY_MS = 60_000;

/** What a rule does with a held packet: release it (`frames` in its place, after `delayMs`), and deliver to the page. */
export interface RuleOutcome {
  verdict: 'forward' | 'drop';
  frames?: InjectedFrame[];
  delayMs?: number;
  deliver?: InjectedFrame[];
}

export function isRule(value: unknown): value is Rule {
  return (
    isPlainObject(value) &&
    typeof value.on === 'string' &&
    ['sent', 'received', 'both'].includes(value.direction as string) &&
    Object.hasOwn(RULE_ACTIONS, value.action as string) &&
    typeof value.value === 'string' &&
    typeof value.enabled === 'boolean' &&
    (value.pinned === undefined || typeof value.pinned === 'boolean')
  );
}

/** The breakpoint's matcher in the panel (the hook compiles its own from the same WireBreakpoint). */
export function panelMatcher(wire: WireBreakpoint): WireMatcher {
  const { pattern, ...rest } = wire;
  if (pattern === undefined) return rest;
  const regex = new RegExp(pattern);
  return { ...rest, test: (text) => regex.test(text) };
}

/** Whether the held packet's header matches the breakpoint. */
export function matchesHeld(wire: WireBreakpoint, packet: PausedPacket): boolean {
  const text = packet.held.frames[0].text ?? '';
  const header = readWireHeader(text);
  return header !== undefined && matchesWire(panelMatcher(wire), packet.held.direction, text, header);
}

/** Why a rule's value does not fit its action, or undefined when it does. */
export function ruleProblem(action: RuleAction, value: string): string | undefined {
  if (action === 'drop') return undefined;
  if (action === 'delay') {
    const ms = Number(value);
    return Number.isInteger(ms) && ms >= 0 && ms <= MAX_DELAY_MS ? undefined : `A delay is 0 to ${MAX_DELAY_MS} ms`;
  }
  if (action === 'merge') {
    try {
      return isPlainObject(JSON.parse(value)) ? undefined : 'Merge a JSON object, e.g. {"admin": true}';
    } catch {
      return 'Merge a JSON object, e.g. {"admin": true}';
    }
  }
  const args = parseArgs(value);
  if (!args.ok) return args.error;
  if (action === 'answer-event' && typeof args.args[0] !== 'string') return 'Name the event first: ["event", ...args]';
  return undefined;
}

function merged(packet: PausedPacket, value: string): string {
  const args = JSON.parse(packet.argsText ?? '[]') as unknown[];
  const patch = JSON.parse(value) as Record<string, unknown>;
  return JSON.stringify(args.map((arg) => (isPlainObject(arg) ? { ...arg, ...patch } : arg)));
}

/** The packet a page gets as an answer, encoded for its session (WebSocket, default parser). */
function answer(
  packet: PausedPacket,
  action: 'answer-ack' | 'answer-event',
  value: string,
): InjectedFrame[] | undefined {
  const args = parseArgs(value);
  if (!args.ok) return undefined;
  const target = heldTarget(packet);
  const { namespace, ackId } = packet;
  if (action === 'answer-ack') {
    if (ackId === undefined) return undefined;
    const encoded = encodeAck({ namespace, ackId, args: args.args }, target);
    return encoded.ok ? encoded.frames.map(toFrame) : undefined;
  }
  const [event, ...rest] = args.args;
  const encoded = encodeEmit({ namespace, event: String(event), args: rest }, target);
  return encoded.ok ? encoded.frames.map(toFrame) : undefined;
}

/** What the rule does with the packet; a rule that cannot act on it (no ack to answer, no arguments) forwards it. */
export function applyRule(rule: Rule, packet: PausedPacket): RuleOutcome {
  const { action, value } = rule;
  if (action === 'drop') return { verdict: 'drop' };
  if (action === 'delay') return { verdict: 'forward', delayMs: Number(value) };
  if (action === 'answer-ack' || action === 'answer-event') {
    const deliver = packet.held.direction === 'sent' ? answer(packet, action, value) : undefined;
    return deliver ? { verdict: 'drop', deliver } : { verdict: 'forward' };
  }
  if (packet.argsText === undefined) return { verdict: 'forward' };
  const encoded = encodeEdited(packet, action === 'merge' ? merged(packet, value) : value);
  return encoded.ok ? { verdict: 'forward', frames: encoded.frames } : { verdict: 'forward' };
}

/** The mark a rule's outcome leaves. */
export function ruleMark(outcome: RuleOutcome): InterceptMark {
  if (outcome.deliver) return 'answered';
  if (outcome.verdict === 'drop') return 'dropped';
  if (outcome.frames) return 'rewritten';
  return outcome.delayMs ? 'delayed' : 'forwarded';
}
