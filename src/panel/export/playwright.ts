import { base64Encode, encodeSioText, SioPacketType, stringifyJson, type Packet } from '../../protocol';
import type { Session } from '../decode/sessions';
import {
  playConnection,
  type PagePacket,
  type RecordedAck,
  type RecordedMessage,
  type Recording,
} from '../../protocol/mock-engine';
import { playRecording } from './playwright-runtime';

/** Server packets a generated test plays at most: a longer session is cut there, and the script says so. */
export const MAX_TEST_PACKETS = 5_000;

type SioPacket = Packet & { sioType: NonNullable<Packet['sioType']> };

const wireType = (packet: SioPacket) => SioPacketType[packet.sioType === 'ERROR' ? 'CONNECT_ERROR' : packet.sioType];

/** The Socket.IO packet as Engine.IO messages: its text, then its binary attachments. */
function messagesOf(packet: SioPacket, ackId?: number): RecordedMessage[] {
  const data = packet.event !== undefined ? [packet.event, ...(packet.args ?? [])] : (packet.args ?? packet.data);
  const { text, attachments } = encodeSioText({
    type: wireType(packet),
    namespace: packet.namespace ?? '/',
    data,
    ...(ackId === undefined ? {} : { ackId }),
  });
  return [{ text }, ...attachments.map((bytes) => ({ base64: base64Encode(bytes) }))];
}

/** A recorded ACK split around its ack id, so the script answers with the page's own id. */
function ackParts(packet: SioPacket, emit: { event: string; order: number }): RecordedAck {
  const [withId, ...attachments] = messagesOf(packet, 0) as [{ text: string }, ...{ base64: string }[]];
  const withoutId = (messagesOf(packet)[0] as { text: string }).text;
  let at = 0;
  while (withId.text[at] === withoutId[at]) at++;
  const binaries = attachments.map((attachment) => attachment.base64);
  return { ...emit, head: withId.text.slice(0, at), data: withId.text.slice(at + 1), attachments: binaries };
}

/** The page's CONNECT or EVENT, or undefined for its other packets. */
function pagePacketOf(packet: Packet): PagePacket | undefined {
  const namespace = packet.namespace ?? '/';
  if (packet.sioType === 'CONNECT') return { type: 'connect', namespace };
  if (packet.sioType === 'EVENT' || packet.sioType === 'BINARY_EVENT')
    return { type: 'event', namespace, event: String(packet.event) };
  return undefined;
}

/** The server side of a session, from its packets in decoded order, and how many server packets were left out. */
export function recordingOf(session: Session, packets: Iterable<Packet>): { recording: Recording; leftOut: number } {
  const open = session.decoder.info.open;
  const recording: Recording = {
    eio: session.eio ?? 4,
    path: new URL(session.url).pathname,
    pingInterval: open?.pingInterval ?? 25_000,
    pingTimeout: open?.pingTimeout ?? 20_000,
    ...(open?.maxPayload === undefined ? {} : { maxPayload: open.maxPayload }),
    server: [],
    page: [],
  };
  const emitsBySeq = new Map<number, { event: string; order: number }>();
  const emitCounts = new Map<string, number>();
  let lastTime: number | undefined;
  let leftOut = 0;
  for (const packet of packets) {
    if (packet.layer !== 'socket.io' || packet.sioType === undefined || packet.error !== undefined) continue;
    if (packet.direction === 'sent') {
      const pagePacket = pagePacketOf(packet);
      if (pagePacket) recording.page.push(pagePacket);
      if (pagePacket?.event === undefined || packet.ackId === undefined) continue;
      const order = emitCounts.get(pagePacket.event) ?? 0;
      emitCounts.set(pagePacket.event, order + 1);
      emitsBySeq.set(packet.seq, { event: pagePacket.event, order });
      continue;
    }
    if (recording.server.length >= MAX_TEST_PACKETS) {
      leftOut++;
      continue;
    }
    const gap = lastTime === undefined ? 0 : Math.max(0, packet.time - lastTime);
    lastTime = packet.time;
    const answered = packet.replyTo === undefined ? undefined : emitsBySeq.get(packet.replyTo);
    const afterPage = recording.page.length;
    if (answered) recording.server.push({ afterPage, gap, ack: ackParts(packet as SioPacket, answered) });
    else recording.server.push({ afterPage, gap, messages: messagesOf(packet as SioPacket) });
  }
  return { recording, leftOut };
}

/** Why a session cannot become a test, or undefined when it can. */
export function playwrightRefusal(session: Session | undefined): string | undefined {
  if (!session?.engineIo) return 'Pick a packet of a Socket.IO session first';
  if (session.decoder.info.parser === 'msgpack') return 'Sessions with the msgpack parser cannot be copied as a test';
  return undefined;
}

/**
 * A Playwright test (for `@playwright/test`) that loads `pageUrl` with the session's server played back by
 * `page.routeWebSocket` and `page.route`, waits until the conversation is over, and checks the page's emits.
 */
export function playwrightTest(session: Session, packets: Iterable<Packet>, pageUrl: string): string {
  const { recording, leftOut } = recordingOf(session, packets);
  const events = recording.page.flatMap((packet) => (packet.event === undefined ? [] : [packet.event]));
  const runtime = playRecording.toString();
  const engine = playConnection.toString();
  // Assigned to names of their own: a release build renames the functions. tsx (the unit tests) compiles with
  // keepNames, which wraps inner functions in a `__name` helper.
  const helper = `${runtime}${engine}`.includes('__name(') ? 'const __name = (target) => target;\n' : '';
  const emits = [...new Set(events)].map((event) => `"${event}" ×${events.filter((e) => e === event).length}`);
  return `// Session ${session.id} of ${session.url}, recorded by Socket.IO Inspector and played back with no server.
// Engine.IO ${recording.eio}; ${recording.server.length} server packets${leftOut > 0 ? ` (${leftOut} more left out)` : ''}; the page's emits: ${emits.join(', ') || 'none'}.
import { test, expect } from '@playwright/test';

const PAGE_URL = ${stringifyJson(pageUrl)};
/** 0 plays the server's packets as fast as the page answers; 1 keeps the recorded gaps between them. */
const DELAY_SCALE = 0;
const RECORDING = ${stringifyJson(recording)};

${helper}const playConnection = ${engine};

const playRecording = ${runtime};

test(${stringifyJson(`plays back Socket.IO session ${session.id}`)}, async ({ page }) => {
  const playback = await playRecording(page, RECORDING, DELAY_SCALE, playConnection);
  await page.goto(PAGE_URL);
  // If a user's action made the page's emits, do it here (they are listed at the top).
  await playback.finished;
  expect(playback.unanswered).toEqual([]);
  expect(playback.pageEvents).toEqual(${stringifyJson(events)});
});
`;
}
