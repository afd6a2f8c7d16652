// fast-check captures with every field the export writes: EIO 3 and 4, the default and msgpack parsers, WebSocket,
// polling (v3 text and binary bodies, v4, JSONP) and upgrades, binary attachments, control packets, malformed
// packets and bodies, HTTP errors, the ok of a POST, injected frames, long packets, frames the hook cut, plain
// WebSockets and plain Engine.IO. The frames are built with the protocol's encoders.
import fc from 'fast-check';
import {
  encodeEioPacket,
  encodePayload,
  encodeSioText,
  msgpackEncode,
  SioPacketType,
  wrapJsonpPost,
  wrapJsonpResponse,
  type EioVersion,
} from '../../../src/protocol';
import { ackId, args, eventName, namespace, plainObject, text as unicode } from '../../protocol/support/arbitraries';
import { binary, text, type CaptureFrame } from './capture';

/** One Engine.IO packet as on the wire. */
type Wire = string | Uint8Array;
type Direction = 'sent' | 'received';

interface SioSpec {
  type: SioPacketType;
  nsp: string;
  ackId?: number;
  data?: unknown;
}

const sioPacket: fc.Arbitrary<SioSpec> = fc.oneof(
  fc.record({
    type: fc.constant(SioPacketType.CONNECT),
    nsp: namespace,
    data: fc.option(plainObject, { nil: undefined }),
  }),
  fc.record({ type: fc.constant(SioPacketType.DISCONNECT), nsp: namespace }),
  fc.record({
    type: fc.constant(SioPacketType.EVENT),
    nsp: namespace,
    ackId,
    data: fc.tuple(eventName, args()).map(([name, rest]) => [name, ...rest]),
  }),
  fc.record({ type: fc.constant(SioPacketType.ACK), nsp: namespace, ackId: fc.nat(1000), data: args() }),
  fc.record({
    type: fc.constant(SioPacketType.CONNECT_ERROR),
    nsp: namespace,
    data: fc.oneof(unicode(), fc.record({ message: unicode() })),
  }),
);

/** What a session is made of, beside its Socket.IO packets. */
const CONTROL: Wire[][] = [['2'], ['3'], ['2probe'], ['3probe'], ['6'], ['1']];
/** Packets that are malformed, or that break the attachments of a binary packet. */
const FAULTS: Wire[][] = [
  ['42["broken",'],
  ['9nope'],
  ['b!!!'],
  ['45x-["e"]'],
  ['4390071992547409931[]'],
  ['42["connect"]'],
  ['4'],
  [''],
  ['451-["lost",{"_placeholder":true,"num":0}]', '42["next"]'],
  [Uint8Array.of(1, 2, 3)],
  [Uint8Array.of(0x81, 0xa1, 0x78, 0x01)],
];
/** Polling bodies that do not split into packets, per Engine.IO version. */
const BODY_FAULTS = ['', '30:42', 'x:42', '___eio[0]("4', 'd=%E0%A4%A', '7:42["a"]99:42'];

interface Step {
  direction: Direction;
  injected: boolean;
  packets: (SioSpec | Wire[])[];
}

const step: fc.Arbitrary<Step> = fc.record({
  direction: fc.constantFrom<Direction>('sent', 'received'),
  injected: fc.constantFrom(false, false, false, true),
  packets: fc.array(
    fc.oneof({ weight: 5, arbitrary: sioPacket }, fc.constantFrom(...CONTROL), fc.constantFrom(...FAULTS)),
    { minLength: 1, maxLength: 4 },
  ),
});

export interface SessionSpec {
  eio: EioVersion;
  parser: 'default' | 'msgpack';
  mode: 'websocket' | 'polling' | 'upgrade';
  base64: boolean;
  jsonp: boolean;
  steps: Step[];
  bodyFaults: string[];
  httpError: 0 | 400 | 502;
  long: boolean;
  cutByHook: boolean;
}

const engineIoSession: fc.Arbitrary<SessionSpec> = fc.record({
  eio: fc.constantFrom<EioVersion>(3, 4),
  parser: fc.constantFrom<'default' | 'msgpack'>('default', 'msgpack'),
  mode: fc.constantFrom<SessionSpec['mode']>('websocket', 'polling', 'upgrade'),
  base64: fc.boolean(),
  jsonp: fc.boolean(),
  steps: fc.array(step, { maxLength: 6 }),
  bodyFaults: fc.subarray(BODY_FAULTS, { maxLength: 2 }),
  httpError: fc.constantFrom<SessionSpec['httpError']>(0, 0, 400, 502),
  long: fc.constantFrom(false, false, false, false, true),
  cutByHook: fc.constantFrom(false, false, true),
});

/** The Engine.IO packets of one Socket.IO packet for the session's parser. */
function sioWire(spec: SioSpec, session: SessionSpec, base64: boolean): Wire[] {
  const { eio } = session;
  if (session.parser === 'msgpack') {
    const small = spec.type === SioPacketType.CONNECT || spec.type === SioPacketType.DISCONNECT;
    // socket.io-msgpack-parser 2.x sends CONNECT/DISCONNECT/ERROR as JSON text.
    if (eio === 3 && small)
      return [encodeEioPacket('message', JSON.stringify({ type: spec.type, nsp: spec.nsp }), eio)];
    const encoded = msgpackEncode({ type: spec.type, data: spec.data, nsp: spec.nsp, id: spec.ackId });
    return encoded.ok ? [encodeEioPacket('message', encoded.bytes, eio, base64)] : [];
  }
  const { text: header, attachments } = encodeSioText({
    type: spec.type,
    namespace: spec.nsp,
    data: spec.data,
    ...(spec.ackId === undefined ? {} : { ackId: spec.ackId }),
  });
  const wires: Wire[] = [encodeEioPacket('message', header, eio)];
  for (const attachment of attachments) wires.push(encodeEioPacket('message', attachment, eio, base64));
  return wires;
}

/** The frames of one Engine.IO session, the `index`th of the capture. */
export function sessionFrames(session: SessionSpec, index: number): CaptureFrame[] {
  const { eio, mode, jsonp } = session;
  const sid = `sid${index}`;
  const query = `EIO=${eio}${session.base64 ? '&b64=1' : ''}${jsonp && mode !== 'websocket' ? '&j=0' : ''}`;
  const pollingUrl = `http://127.0.0.1:4000/socket.io/?${query}&transport=polling`;
  const wsUrl = `ws://127.0.0.1:4000/socket.io/?EIO=${eio}&transport=websocket${mode === 'websocket' ? '' : `&sid=${sid}`}`;
  const frames: CaptureFrame[] = [];
  let polls = 0;
  const handshake = encodeEioPacket(
    'open',
    JSON.stringify({ sid, upgrades: ['websocket'], pingInterval: 25000, pingTimeout: 20000 }),
    eio,
  ) as string;
  const poll = (direction: Direction, body: Wire, injected = false, status = 200) => {
    const wrapped =
      jsonp && typeof body === 'string'
        ? direction === 'sent'
          ? wrapJsonpPost(body)
          : wrapJsonpResponse(body, 0)
        : body;
    frames.push({
      connection: `p${index}-${polls++}`,
      url: polls === 1 ? pollingUrl : `${pollingUrl}&sid=${sid}`,
      direction,
      transport: 'polling',
      method: direction === 'sent' ? 'POST' : 'GET',
      ...(direction === 'received' ? { status } : {}),
      payload: typeof wrapped === 'string' ? text(wrapped) : binary(wrapped),
      ...(injected ? { injected: true as const } : {}),
    });
    if (direction === 'sent')
      frames.push({
        connection: `p${index}-${polls - 1}`,
        url: `${pollingUrl}&sid=${sid}`,
        direction: 'received',
        transport: 'polling',
        method: 'POST',
        status: 200,
        payload: text('ok'),
      });
  };
  const socket = (direction: Direction, wire: Wire, injected = false) =>
    frames.push({
      connection: `w${index}`,
      url: wsUrl,
      direction,
      transport: 'websocket',
      payload: typeof wire === 'string' ? text(wire) : binary(wire),
      ...(injected ? { injected: true as const } : {}),
    });
  if (mode === 'websocket') socket('received', handshake);
  else poll('received', encodePayload([handshake], eio));
  const upgradeAt = mode === 'upgrade' ? Math.floor(session.steps.length / 2) : mode === 'websocket' ? 0 : Infinity;
  session.steps.forEach((s, i) => {
    if (i === upgradeAt && mode === 'upgrade') {
      socket('sent', '2probe');
      socket('received', '3probe');
      poll('received', encodePayload(['6'], eio));
      socket('sent', '5');
    }
    const overPolling = i < upgradeAt;
    const base64 = session.base64 || (overPolling && (eio === 4 || jsonp));
    const wires = s.packets.flatMap((p) => (Array.isArray(p) ? p : sioWire(p, session, base64)));
    if (overPolling) poll(s.direction, encodePayload(wires, eio), s.injected);
    else for (const wire of wires) socket(s.direction, wire, s.injected);
  });
  if (session.long) {
    const long = encodeEioPacket(
      'message',
      encodeSioText({ type: SioPacketType.EVENT, namespace: '/', data: ['long', 'é🎉x'.repeat(25_000)] }).text,
      eio,
    ) as string;
    if (mode === 'polling') poll('sent', encodePayload([long, '42["after"]'], eio));
    else socket('sent', long);
  }
  if (session.cutByHook) {
    const whole = '42["cut",' + JSON.stringify('y'.repeat(500)) + ']';
    frames.push({
      connection: `w${index}`,
      url: wsUrl,
      direction: 'received',
      transport: 'websocket',
      payload: { text: whole.slice(0, 100), size: whole.length, truncated: true },
    });
  }
  for (const body of session.bodyFaults) poll('received', body);
  if (session.httpError === 400) poll('received', '{"code":1,"message":"Session ID unknown"}', false, 400);
  if (session.httpError === 502) poll('received', '<html>Bad gateway</html>', false, 502);
  return frames;
}

/** A WebSocket that is not Engine.IO, or a plain Engine.IO app (no Socket.IO). */
const otherSession = fc.record({
  engineIo: fc.boolean(),
  frames: fc.array(
    fc.record({
      direction: fc.constantFrom<Direction>('sent', 'received'),
      data: fc.oneof(unicode(40), fc.uint8Array({ maxLength: 20 })),
    }),
    { maxLength: 5 },
  ),
});

function otherFrames(
  spec: { engineIo: boolean; frames: { direction: Direction; data: Wire }[] },
  index: number,
): CaptureFrame[] {
  const url = spec.engineIo
    ? 'ws://127.0.0.1:4000/engine.io/?EIO=4&transport=websocket'
    : `wss://example.test/feed${index}`;
  return spec.frames.map(({ direction, data }) => {
    const wire = spec.engineIo && typeof data === 'string' ? `4${data}` : data;
    return {
      connection: `o${index}`,
      url,
      direction,
      transport: 'websocket',
      payload: typeof wire === 'string' ? text(wire) : binary(wire),
    };
  });
}

/** The frames of a capture of one to four sessions, one after the other. */
export const captureFrames: fc.Arbitrary<CaptureFrame[]> = fc
  .array(fc.oneof({ weight: 4, arbitrary: engineIoSession }, otherSession), { minLength: 1, maxLength: 4 })
  .map((sessions) =>
    sessions.flatMap((session, index) =>
      'steps' in session ? sessionFrames(session, index) : otherFrames(session, index),
    ),
  );
