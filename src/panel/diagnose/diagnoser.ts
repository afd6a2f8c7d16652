// Runs every rule over a capture as it is decoded: packets and connection events in capture order, and the capture's
// time as it passes (for what did not come in time). Deadlines are checked only once one is due.
import type { Packet } from '../../protocol';
import type { Session } from '../decode/sessions';
import { createProblemList } from './problem-list';
import { RULES } from './rules';
import { createSessionFacts, type SessionFacts } from './session-facts';
import { DEFAULT_DIAGNOSE_SETTINGS, type ConnectionEvent, type DiagnoseSettings, type RuleContext } from './types';

export function createDiagnoser(settings: Partial<DiagnoseSettings> = {}) {
  const list = createProblemList();
  const facts = createSessionFacts();
  const rules = RULES.map((create) => create());
  /** The capture's time: the latest time seen or advanced to. */
  let now = -Infinity;
  /** The earliest time a rule asked to be woken at. */
  let next = Infinity;
  const context: RuleContext = {
    settings: { ...DEFAULT_DIAGNOSE_SETTINGS, ...settings },
    report: (finding) => list.add(finding),
    wake: (time) => {
      if (time < next) next = time;
    },
    alive: () => facts.alive(),
  };

  function ended(session: SessionFacts): void {
    for (const rule of rules) rule.ended?.(session, context);
  }

  /** The capture's time is `time`: rules report what is overdue by then. */
  function advance(time: number): void {
    if (time > now) now = time;
    if (now < next) return;
    next = Infinity;
    for (const rule of rules) {
      const at = rule.tick?.(now, context);
      if (at !== undefined) context.wake(at);
    }
  }

  return {
    list,
    advance,
    now: () => now,
    packet(session: Session, packet: Packet): void {
      advance(packet.time);
      const sessionFacts = facts.of(session, packet);
      for (const rule of rules) rule.packet?.(sessionFacts, packet, context);
      if (facts.update(sessionFacts, packet)) ended(sessionFacts);
    },
    connection(event: ConnectionEvent): void {
      advance(event.time);
      const sessionFacts = facts.get(event.session);
      for (const rule of rules) rule.connection?.(event, sessionFacts, context);
      if (sessionFacts && facts.connection(sessionFacts, event)) ended(sessionFacts);
    },
    /** The top frame shows document `documentId` from `time` on: the sessions of earlier pages went with them. */
    navigated(documentId: string, time: number): void {
      for (const sessionFacts of [...facts.alive()])
        if (sessionFacts.session.documentId !== documentId && facts.end(sessionFacts, time, { kind: 'navigated' }))
          ended(sessionFacts);
    },
    /** The capture has a hole from here (recording paused): what should have come meanwhile cannot be judged. */
    forget(): void {
      for (const sessionFacts of facts.alive()) delete sessionFacts.heartbeat;
      for (const rule of rules) rule.forget?.();
    },
  };
}

export type Diagnoser = ReturnType<typeof createDiagnoser>;
