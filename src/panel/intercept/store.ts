/**
 * The panel's breakpoints and the packets they hold: breakpoints (and the rules switched on) go to every document of
 * the inspected tab, again to each new one; held packets come back decoded: a rule that matches acts on one at once,
 * else it waits, shown paused, to be forwarded (as it was or edited), dropped, or forwarded with all the others. A
 * reconnect to the background means the relays let everything go and turned breakpoints off: the panel shows so.
 */
import { effect, signal } from '@preact/signals';
import { MESSAGE_PROTOCOL_VERSION, type InjectedFrame } from '../../messages';
import type { PanelBridge, PanelMessage } from '../bridge';
import { decodeHeld, encodeEdited, type PausedPacket } from '../../intercept/held';
import { logEntry, MAX_LOG, type InterceptLogEntry, type InterceptMark } from './log';
import { applyRule, matchesHeld, ruleMark } from '../../intercept/rules';
import type { RulesStore } from './rules-store';
import { toWireBreakpoint, type Breakpoint } from '../../intercept/wire-breakpoint';

export type { BreakDirection, Breakpoint, BreakType } from '../../intercept/wire-breakpoint';
export { toWireBreakpoint } from '../../intercept/wire-breakpoint';

/** At most this many packets are shown held (the hook holds at most 1,000 per document). */
const MAX_PAUSED = 5000;

export function createInterceptStore(tabId: number, bridge: PanelBridge, rules: RulesStore) {
  const breakpoints = signal<Breakpoint[]>([]);
  const paused = signal<PausedPacket[]>([]);
  const error = signal<string | undefined>(undefined);
  const log = signal<InterceptLogEntry[]>([]);
  const version = MESSAGE_PROTOCOL_VERSION;

  const activeRules = () => rules.rules.value.filter((rule) => rule.enabled);
  const sendBreakpoints = () => {
    const wire = [...breakpoints.value, ...activeRules()].flatMap((breakpoint) => {
      const result = toWireBreakpoint(breakpoint);
      return result.ok ? [result.wire] : [];
    });
    bridge.send({ type: 'intercept', version, tabId, breakpoints: wire });
  };

  const note = (entries: InterceptLogEntry[]) => (log.value = [...log.value, ...entries].slice(-MAX_LOG));
  const release = (
    packet: PausedPacket,
    mark: InterceptMark,
    verdict: 'forward' | 'drop',
    frames?: InjectedFrame[],
    sent?: string,
  ) => {
    note([logEntry(packet, mark, sent)]);
    const { frameId, documentId } = packet;
    const hold = packet.held.hold;
    const action = { action: 'release' as const, hold, verdict, mark, ...(frames ? { frames } : {}) };
    bridge.send({ type: 'command', version, tabId, frameId, documentId, command: action });
    paused.value = paused.value.filter((other) => other !== packet);
  };

  /** Acts on a held packet by the first rule on that matches it; false when none does. */
  const ruled = (packet: PausedPacket): boolean => {
    const rule = activeRules().find((candidate) => {
      const wire = toWireBreakpoint(candidate);
      return wire.ok && matchesHeld(wire.wire, packet);
    });
    if (!rule) return false;
    const outcome = applyRule(rule, packet);
    const { frameId, documentId } = packet;
    const act = () => {
      release(packet, ruleMark(outcome), outcome.verdict, outcome.frames);
      if (!outcome.deliver) return;
      const deliver = { action: 'deliver' as const, connection: packet.held.connection, frames: outcome.deliver };
      bridge.send({ type: 'command', version, tabId, frameId, documentId, command: deliver });
    };
    if (outcome.delayMs) setTimeout(act, outcome.delayMs);
    else act();
    return true;
  };

  const onMessage = (message: PanelMessage) => {
    if (message.type === 'document') return sendBreakpoints();
    if (message.type !== 'intercept') return;
    const { frameId, documentId } = message;
    const released = new Set(message.released);
    const isReleased = (packet: PausedPacket) => packet.documentId === documentId && released.has(packet.held.hold);
    note(paused.value.filter(isReleased).map((packet) => logEntry(packet, 'let go')));
    const kept = paused.value.filter((packet) => !isReleased(packet));
    const added = message.held.map((held) => decodeHeld(held, frameId, documentId)).filter((packet) => !ruled(packet));
    paused.value = [...kept, ...added].slice(0, MAX_PAUSED);
  };

  return {
    breakpoints,
    paused,
    error,
    log,
    rules,
    /** Follows the background's messages, reconnects and the rules; returns the function that stops. */
    listen(): () => void {
      const stop = bridge.listen((message) => {
        if (message.type !== 'tabs' && message.tabId === tabId) onMessage(message);
      });
      const stopConnect = bridge.onConnect(() => {
        breakpoints.value = [];
        paused.value = [];
      });
      const stopRules = rules.follow();
      let first = true;
      const stopSending = effect(() => {
        void rules.rules.value;
        if (!first) sendBreakpoints();
        first = false;
      });
      return () => {
        stop();
        stopConnect();
        stopRules();
        stopSending();
      };
    },
    add(breakpoint: Breakpoint): boolean {
      const result = toWireBreakpoint(breakpoint);
      error.value = result.ok ? undefined : result.error;
      if (!result.ok) return false;
      breakpoints.value = [...breakpoints.value, { ...breakpoint, on: breakpoint.on.trim() }];
      sendBreakpoints();
      return true;
    },
    remove(breakpoint: Breakpoint): void {
      breakpoints.value = breakpoints.value.filter((other) => other !== breakpoint);
      sendBreakpoints();
    },
    /** Forwards the packet: as it was when `argsText` is its own, else re-encoded with these arguments. */
    forward(packet: PausedPacket, argsText: string | undefined): boolean {
      if (argsText === undefined || argsText === packet.argsText) {
        error.value = undefined;
        release(packet, 'forwarded', 'forward');
        return true;
      }
      const encoded = encodeEdited(packet, argsText);
      error.value = encoded.ok ? undefined : encoded.error;
      if (encoded.ok) release(packet, 'edited', 'forward', encoded.frames, argsText);
      return encoded.ok;
    },
    drop: (packet: PausedPacket) => release(packet, 'dropped', 'drop'),
    forwardAll(): void {
      for (const packet of paused.value) release(packet, 'forwarded', 'forward');
    },
  };
}

export type InterceptStore = ReturnType<typeof createInterceptStore>;
