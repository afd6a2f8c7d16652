/**
 * The panel's breakpoints and the packets they hold: breakpoints go to every document of the inspected tab (again to
 * each new one); held packets come back decoded, to forward (as they were or edited), drop, or forward all. A
 * reconnect to the background means the relays let everything go and turned breakpoints off: the panel shows so.
 */
import { signal } from '@preact/signals';
import {
  MESSAGE_PROTOCOL_VERSION,
  type BackgroundToPanel,
  type InjectedFrame,
  type WireBreakpoint,
} from '../../messages';
import { SioPacketType } from '../../protocol/packet-types';
import type { PanelTransport } from '../transport';
import { decodeHeld, encodeEdited, type PausedPacket } from './held';

export type BreakDirection = WireBreakpoint['direction'];

export interface Breakpoint {
  /** What the user typed in "Break on": an event name, or a `/regex/` over the wire text. */
  on: string;
  direction: BreakDirection;
}

/** At most this many packets are shown held (the hook holds at most 1,000 per document). */
const MAX_PAUSED = 5000;

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

export function createInterceptStore(tabId: number, transport: PanelTransport) {
  const breakpoints = signal<Breakpoint[]>([]);
  const paused = signal<PausedPacket[]>([]);
  const error = signal<string | undefined>(undefined);

  const sendBreakpoints = () => {
    const wire = breakpoints.value.flatMap((breakpoint) => {
      const result = toWireBreakpoint(breakpoint);
      return result.ok ? [result.wire] : [];
    });
    transport.send({ type: 'intercept', version: MESSAGE_PROTOCOL_VERSION, tabId, breakpoints: wire });
  };

  const release = (packet: PausedPacket, verdict: 'forward' | 'drop', frames?: InjectedFrame[]) => {
    const { frameId, documentId } = packet;
    const command = { action: 'release' as const, hold: packet.held.hold, verdict, ...(frames ? { frames } : {}) };
    transport.send({ type: 'command', version: MESSAGE_PROTOCOL_VERSION, tabId, frameId, documentId, command });
    paused.value = paused.value.filter((other) => other !== packet);
  };

  const onMessage = (message: BackgroundToPanel) => {
    if (message.type === 'document') return sendBreakpoints();
    if (message.type !== 'intercept') return;
    const { frameId, documentId } = message;
    const released = new Set(message.released);
    const kept = paused.value.filter((packet) => packet.documentId !== documentId || !released.has(packet.held.hold));
    const added = message.held.map((held) => decodeHeld(held, frameId, documentId));
    paused.value = [...kept, ...added].slice(0, MAX_PAUSED);
  };

  return {
    breakpoints,
    paused,
    error,
    /** Follows the background's messages and reconnects; returns the function that stops. */
    listen(): () => void {
      const stop = transport.listen((message) => {
        if (message.type !== 'tabs' && message.tabId === tabId) onMessage(message);
      });
      const stopConnect = transport.onConnect(() => {
        breakpoints.value = [];
        paused.value = [];
      });
      return () => {
        stop();
        stopConnect();
      };
    },
    add(breakpoint: Breakpoint): boolean {
      const result = toWireBreakpoint(breakpoint);
      error.value = result.ok ? undefined : result.error;
      if (!result.ok) return false;
      breakpoints.value = [...breakpoints.value, { on: breakpoint.on.trim(), direction: breakpoint.direction }];
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
        release(packet, 'forward');
        return true;
      }
      const encoded = encodeEdited(packet, argsText);
      error.value = encoded.ok ? undefined : encoded.error;
      if (encoded.ok) release(packet, 'forward', encoded.frames);
      return encoded.ok;
    },
    drop: (packet: PausedPacket) => release(packet, 'drop'),
    forwardAll(): void {
      for (const packet of paused.value) release(packet, 'forward');
    },
  };
}

export type InterceptStore = ReturnType<typeof createInterceptStore>;
