// The WebTransport framing reader against engine.io-parser 5.x's own stream encoder and decoder: the same packets,
// however the stream is cut into chunks; a broken framing stops the reader with one error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeEioPacket } from '../../src/protocol/engineio.ts';
import { createStreamReader, type StreamItem } from '../../src/protocol/webtransport-stream.ts';
import { text } from './support/arbitraries.ts';
import { officialStreamChunks, officialStreamPackets, type StreamPacket } from './support/eio-streams.ts';

type EioPacket = StreamPacket;

async function officialEncode(packets: EioPacket[]): Promise<Uint8Array> {
  return Uint8Array.from((await officialStreamChunks(packets)).flatMap((chunk) => [...chunk]));
}
const officialDecode = officialStreamPackets;

/** An item of ours as the official decoder gives a packet (binary as a plain byte array for comparison). */
function asPacket(item: StreamItem): EioPacket {
  if ('error' in item) return { type: 'error', data: 'parser error' };
  const decoded = decodeEioPacket('text' in item ? item.text : item.binary, 4);
  const data = decoded.data;
  return data === undefined ? { type: decoded.type! } : { type: decoded.type!, data };
}

function comparable(packet: EioPacket): unknown {
  const data = packet.data;
  if (data === undefined || data === '') return { type: packet.type };
  return {
    type: packet.type,
    data: typeof data === 'string' ? data : [...new Uint8Array(data as unknown as ArrayBuffer)],
  };
}

function cut(wire: Uint8Array, sizes: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0, k = 0; at < wire.length; k++) {
    const size = sizes.length > 0 ? sizes[k % sizes.length] : wire.length;
    chunks.push(wire.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const packet: fc.Arbitrary<EioPacket> = fc.oneof(
  fc.record({ type: fc.constantFrom('open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'), data: text(40) }),
  fc.record({ type: fc.constantFrom('ping', 'pong', 'upgrade', 'noop') }),
  fc.record({ type: fc.constant('message'), data: fc.string({ minLength: 126, maxLength: 400 }) }),
  fc.record({ type: fc.constant('message'), data: fc.uint8Array({ minLength: 1, maxLength: 300 }) }),
);

test('packets framed by engine.io-parser 5.x read the same as its decoder reads them, however chunked', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(packet, { minLength: 1, maxLength: 12 }),
      fc.array(fc.integer({ min: 1, max: 600 }), { maxLength: 8 }),
      async (packets, sizes) => {
        const chunks = cut(await officialEncode(packets), sizes);
        const reader = createStreamReader(1e6);
        const ours = chunks.flatMap((chunk) => reader.push(chunk)).map(asPacket);
        assert.deepEqual(ours.map(comparable), (await officialDecode(chunks, 1e6)).map(comparable));
      },
    ),
    { numRuns: 300 },
  );
});

test('a 70,000-byte packet (uint64 length) read byte by byte', async () => {
  const wire = await officialEncode([{ type: 'message', data: 'y'.repeat(70_000) }, { type: 'ping' }]);
  assert.equal(wire[0], 127);
  const reader = createStreamReader(1e6);
  const items = cut(wire, [1]).flatMap((chunk) => reader.push(chunk));
  assert.deepEqual(items, [{ text: `4${'y'.repeat(70_000)}` }, { text: '2' }]);
});

test('a length over the limit or of 0 stops the reader with one error, as the official decoder does', async () => {
  const wire = await officialEncode([{ type: 'message', data: 'x'.repeat(300) }, { type: 'ping' }]);
  const reader = createStreamReader(100);
  const items = reader.push(wire);
  assert.equal(items.length, 1);
  assert.match((items[0] as { error: string }).error, /301 bytes exceeds the 100-byte decode limit/);
  assert.deepEqual(reader.push(Uint8Array.of(1, 0x32)), []);
  assert.deepEqual((await officialDecode([wire], 100)).map(comparable), [{ type: 'error', data: 'parser error' }]);
  const empty = createStreamReader(100).push(Uint8Array.of(0, 1, 0x32));
  assert.match((empty[0] as { error: string }).error, /length 0/);
});

test('bytes a truncated chunk left out stop the reader with one error after what the chunk completed', () => {
  const reader = createStreamReader(1e6);
  const items = reader.push(Uint8Array.of(1, 0x32, 5, 0x34), 3);
  assert.deepEqual(items[0], { text: '2' });
  assert.match((items[1] as { error: string }).error, /3 bytes of a chunk were not captured/);
  assert.deepEqual(reader.push(Uint8Array.of(1, 0x32)), []);
});
