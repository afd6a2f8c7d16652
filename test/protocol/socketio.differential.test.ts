// Socket.IO packets encoded by the official encoders (socket.io-parser 3.x/4.x, socket.io-msgpack-parser
// 2.x/3.x) over the official Engine.IO encoders (WebSocket frames and polling payloads) decode identically with
// our session decoder; and what our encoder produces decodes with the official decoders to the same packet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  createSessionDecoder,
  encodeAck,
  encodeEmit,
  type EncodeTarget,
  type Frame,
  type Packet,
} from '../../src/protocol/index.ts';
import { hasBinary } from '../../src/protocol/placeholders.ts';
import { ackId, args, eventName, json, namespace, plainObject, text } from './support/arbitraries.ts';
import { asRaw, norm, toBuffers } from './support/normalize.ts';
import {
  eioDecodePacket,
  eioDecodePayload,
  eioEncodePacket,
  eioEncodePayload,
  sioDecode,
  sioEncode,
  type SioPacketIn,
  type SioParser,
} from './support/official.ts';
import { frame, officialShape, type OfficialShape } from './support/shape.ts';

const EIO: Record<SioParser, 3 | 4> = { v3: 3, v4: 4, msgpack2: 3, msgpack3: 4 };

function sioPacket(parser: SioParser): fc.Arbitrary<SioPacketIn> {
  const protocol5 = EIO[parser] === 4;
  const msgpack = parser.startsWith('msgpack');
  const bin = (type: number, data: unknown[]): number =>
    parser !== 'msgpack3' && parser !== 'v4' && hasBinary(data) ? type + 3 : type;
  const withId = <T extends SioPacketIn>(p: T, id: number | undefined): T => (id === undefined ? p : { ...p, id });
  const connect = protocol5
    ? fc.record(
        { type: fc.constant(0), nsp: namespace, data: fc.option(plainObject, { nil: undefined }) },
        { requiredKeys: ['type', 'nsp'] },
      )
    : fc.record({
        type: fc.constant(0),
        nsp: msgpack
          ? namespace
          : fc.oneof(
              namespace,
              namespace.map((n) => `${n}?token=abc&x=%20`),
            ),
      });
  const error = fc.record({
    type: fc.constant(4),
    nsp: namespace,
    data: parser === 'msgpack2' ? text() : fc.oneof(text(), plainObject),
  });
  return fc.oneof(
    fc
      .tuple(namespace, eventName, args(), ackId)
      .map(([nsp, ev, a, id]) => withId({ type: bin(2, a), nsp, data: [ev, ...a] }, id)),
    fc.tuple(namespace, args(), fc.nat()).map(([nsp, a, id]) => ({ type: bin(3, a), nsp, data: a, id })),
    connect,
    fc.record({ type: fc.constant(1), nsp: namespace }),
    error,
  );
}

/** The official wire: one frame per Engine.IO packet (WebSocket) or one payload body (polling). */
function officialWire(
  parser: SioParser,
  packets: SioPacketIn[],
  transport: 'websocket' | 'polling',
  supportsBinary: boolean,
): Frame[] {
  const v = EIO[parser];
  const messages = packets
    .flatMap((p) => sioEncode(parser, toBuffers(p) as SioPacketIn))
    .map((data) => ({ type: 'message', data }));
  if (transport === 'websocket')
    return messages.map((m) => frame(eioEncodePacket(v, m, supportsBinary), 'sent', 'websocket'));
  return [frame(eioEncodePayload(v, messages, supportsBinary), 'sent', 'polling')];
}

/** Our packets in the official shape; socket.io-parser 4.x reports decoded binary packets as EVENT/ACK. */
function oursAsOfficial(parser: SioParser, packets: Packet[]): OfficialShape[] {
  return packets.map(officialShape).map((p) => (parser === 'v4' && p.type >= 5 ? { ...p, type: p.type - 3 } : p));
}

/** The official decoders' reading of frames. */
function officialRead(parser: SioParser, frames: Frame[]): SioPacketIn[] {
  const v = EIO[parser];
  const eio = frames.flatMap((f) =>
    f.transport === 'websocket' ? [eioDecodePacket(v, asRaw(f.data))] : eioDecodePayload(v, asRaw(f.data)),
  );
  assert.ok(
    eio.every((p) => p.type === 'message'),
    `official Engine.IO decode failed: ${JSON.stringify(eio)}`,
  );
  return sioDecode(
    parser,
    eio.map((p) => p.data!),
  );
}

for (const parser of ['v3', 'v4', 'msgpack2', 'msgpack3'] as const) {
  test(`${parser}: official encoder output decodes identically (WebSocket and polling, binary and base64)`, () => {
    fc.assert(
      fc.property(
        fc.array(sioPacket(parser), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('websocket' as const, 'polling' as const),
        fc.boolean(),
        (packets, transport, supportsBinary) => {
          const frames = officialWire(parser, packets, transport, supportsBinary);
          const decoder = createSessionDecoder({ eio: EIO[parser], kind: 'socket.io' });
          const ours = frames.flatMap((f) => decoder.push(f));
          assert.deepEqual(
            ours.filter((p) => p.error).map((p) => p.error),
            [],
          );
          assert.ok(ours.every((p) => p.parser === (parser.startsWith('msgpack') ? 'msgpack' : 'default')));
          assert.deepEqual(norm(oursAsOfficial(parser, ours)), norm(officialRead(parser, frames)));
        },
      ),
      { numRuns: 150 },
    );
  });

  test(`${parser}: our encoded emits and acks decode with the official decoders`, () => {
    const target = fc.record({
      transport: fc.constantFrom('websocket' as const, 'polling' as const),
      base64: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.boolean(),
        namespace,
        eventName.filter((e): e is string => typeof e === 'string'),
        args(),
        ackId,
        target,
        (isAck, nsp, event, a, id, t) => {
          const full: EncodeTarget = {
            ...t,
            eio: EIO[parser],
            parser: parser.startsWith('msgpack') ? 'msgpack' : 'default',
          };
          const encoded = isAck
            ? encodeAck({ namespace: nsp, ackId: id ?? 0, args: a }, full)
            : encodeEmit({ namespace: nsp, event, args: a, ...(id !== undefined ? { ackId: id } : {}) }, full);
          assert.ok(encoded.ok, !encoded.ok ? encoded.error : '');
          if (t.transport === 'polling') assert.equal(encoded.frames.length, 1);
          const frames = encoded.frames.map((f) => frame(f, 'sent', t.transport));
          const data = isAck ? a : [event, ...a];
          // socket.io-parser 4.x reports BINARY_EVENT/BINARY_ACK as EVENT/ACK once reconstructed; msgpack 3.x has no 5/6.
          const upgrade = (parser === 'v3' || parser === 'msgpack2') && hasBinary(data) ? 3 : 0;
          const expected: SioPacketIn = { type: (isAck ? 3 : 2) + upgrade, nsp, data };
          if (isAck || id !== undefined) expected.id = id ?? 0;
          assert.deepEqual(norm(officialRead(parser, frames)), norm([expected]));
        },
      ),
      { numRuns: 150 },
    );
  });
}

test('large Socket.IO payloads (hundreds of KB, emoji, binary) decode identically', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('v3', 'v4', 'msgpack2', 'msgpack3') as fc.Arbitrary<SioParser>,
      fc.integer({ min: 50_000, max: 400_000 }),
      fc.constantFrom('websocket' as const, 'polling' as const),
      (parser, n, transport) => {
        const packets: SioPacketIn[] = [
          {
            type: parser === 'v3' || parser === 'msgpack2' ? 5 : 2,
            nsp: '/big',
            id: 7,
            data: ['big', '🎉'.repeat(n / 4), { nested: [new Uint8Array(n)] }],
          },
        ];
        const frames = officialWire(parser, packets, transport, true);
        const decoder = createSessionDecoder({ eio: EIO[parser], kind: 'socket.io' });
        const ours = frames.flatMap((f) => decoder.push(f));
        assert.deepEqual(norm(oursAsOfficial(parser, ours)), norm(officialRead(parser, frames)));
      },
    ),
    { numRuns: 8 },
  );
});

test('JSON values of every shape round-trip through an EIO4 ack', () => {
  fc.assert(
    fc.property(fc.array(json, { maxLength: 3 }), (a) => {
      const encoded = encodeAck({ ackId: 1, args: a }, { eio: 4, transport: 'websocket' });
      assert.ok(encoded.ok);
      assert.deepEqual(
        norm(
          officialRead(
            'v4',
            encoded.frames.map((f) => frame(f, 'sent', 'websocket')),
          )[0].data,
        ),
        norm(a),
      );
    }),
    { numRuns: 100 },
  );
});
