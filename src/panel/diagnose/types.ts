// The problem model, and what a rule sees and says: rules are pure functions over decoded sessions and packets, fed
// in capture order; each keeps its own bounded state and reports findings, which the problem list groups.
import type { Packet, Transport } from '../../protocol';
import { DEFAULT_SETTINGS } from '../../settings/schema';
import type { Session } from '../decode/sessions';
import type { SessionFacts } from './session-facts';

export type Severity = 'error' | 'warning' | 'info';

export type RuleId =
  | 'http-error'
  | 'version-mismatch'
  | 'heartbeat'
  | 'ack-timeout'
  | 'connect-error'
  | 'disconnect'
  | 'reconnect-storm'
  | 'upgrade'
  | 'payload-size'
  | 'reserved-event'
  | 'duplicate-delivery';

/** A packet a problem concerns: its session's id and its `seq` in that session. */
export interface PacketRef {
  session: string;
  seq: number;
}

/** One problem, its repeats grouped under one key ("Session ID unknown" ×37). */
export interface Problem {
  /** The rule and what makes repeats the same problem. */
  key: string;
  rule: RuleId;
  severity: Severity;
  title: string;
  /** What was seen, with its figures, as of the latest repeat. */
  detail: string;
  /** The likely cause, in one sentence. */
  cause: string;
  /** How to fix it, in one sentence. */
  fix: string;
  /** When it first and last happened (ms since the epoch, the capture's clock). */
  first: number;
  last: number;
  count: number;
  /** The ids of the sessions it concerns (the first few) and how many there are in all. */
  sessions: string[];
  sessionCount: number;
  /** The packets it concerns (the first few) and how many there are in all. */
  packets: PacketRef[];
  packetCount: number;
}

/** One occurrence of a problem, as a rule reports it. */
export interface Finding {
  rule: RuleId;
  key: string;
  severity: Severity;
  title: string;
  detail: string;
  cause: string;
  fix: string;
  time: number;
  sessions: readonly Session[];
  packets: readonly { session: Session; packet: Packet }[];
  /** How many occurrences it stands for (1 when absent). */
  occurrences?: number;
}

/** A connection of the page opening, closing or failing (the hook's open, close and error records). */
export interface ConnectionEvent {
  kind: 'open' | 'close' | 'error';
  /** Unique in the capture: document, frame and the hook's connection id. */
  connection: string;
  transport: Transport;
  /** The URL it opened, when its open record was seen. */
  url: string;
  time: number;
  /** The session its frames joined, or the one its URL's sid names. */
  session: Session | undefined;
  /** A WebSocket's close: its code and whether the closing handshake completed. */
  code?: number;
  wasClean?: boolean;
}

/** The settings the rules take. */
export interface DiagnoseSettings {
  /** How long an emit may wait for its ack when the client's own ackTimeout cannot be seen. */
  ackTimeoutMs: number;
  /** How long a WebSocket probe may take to complete the upgrade (engine.io's `upgradeTimeout` default). */
  upgradeTimeoutMs: number;
  /** A reconnect storm: this many new sessions of one URL within `stormWindowMs`. */
  stormSessions: number;
  stormWindowMs: number;
}

export const DEFAULT_DIAGNOSE_SETTINGS: Readonly<DiagnoseSettings> = {
  ackTimeoutMs: DEFAULT_SETTINGS.ackTimeoutMs,
  upgradeTimeoutMs: 10_000,
  stormSessions: 5,
  stormWindowMs: 10_000,
};

/** What a rule can do besides reading its input. */
export interface RuleContext {
  readonly settings: Readonly<DiagnoseSettings>;
  report(finding: Finding): void;
  /** Asks for `tick` to be called once the capture's time reaches `time`. */
  wake(time: number): void;
  /** The sessions that have not ended. */
  alive(): Iterable<SessionFacts>;
}

/**
 * A rule: called in capture order with each decoded packet (before the session's facts take it in), each connection
 * event, each session's end, and as time passes. State it keeps must be bounded.
 */
export interface Rule {
  packet?(facts: SessionFacts, packet: Packet, context: RuleContext): void;
  connection?(event: ConnectionEvent, facts: SessionFacts | undefined, context: RuleContext): void;
  ended?(facts: SessionFacts, context: RuleContext): void;
  /** The capture's time is now `now`: report what is overdue; returns when to be called next, if ever. */
  tick?(now: number, context: RuleContext): number | undefined;
  /** The capture has a hole (recording paused): expectations about time are void. */
  forget?(): void;
}
