// The hook's boundary tracker and framing against engine.io-parser 5.x's stream encoder: the tracker is at a boundary
// exactly after each packet, however the stream is cut; the hook frames packets as the encoder does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createBoundaryTracker } from '../../src/page/webtransport-boundary.ts';
import { framePacket } from '../../src/protocol/webtransport-stream.ts';
import { officialStreamChunks, type StreamPacket } from '../protocol/support/eio-streams.ts';

type EioPacket = StreamPacket;

/** Each packet's framed bytes, as the official encoder writes them (header and packet as two chunks). */
async function officialFrames(packets: EioPacket[]): Promise<Uint8Array[]> {
  const chunks = await officialStreamChunks(packets);
  const frames: Uint8Array[] = [];
  for (let index = 0; index < chunks.length; index += 2)
    frames.push(Uint8Array.from([...chunks[index], ...chunks[index + 1]]));
  return frames;
}

const packet: fc.Arbitrary<EioPacket> = fc.oneof(
  fc.record({ type: fc.constant('message'), data: fc.string({ maxLength: 300 }) }),
  fc.record({ type: fc.constant('message'), data: fc.uint8Array({ minLength: 1, maxLength: 300 }) }),
  fc.constant({ type: 'message', data: 'z'.repeat(70_000) }),
);

test('the tracker is at a boundary exactly where a packet ends, however the stream is cut', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(packet, { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 97 }),
      async (packets, step) => {
        const frames = await officialFrames(packets);
        const ends = new Set<number>();
        let total = 0;
        for (const frame of frames) ends.add((total += frame.length));
        const wire = Uint8Array.from(frames.flatMap((frame) => [...frame]));
        const tracker = createBoundaryTracker();
        for (let at = 0; at < wire.length; at += step) {
          const chunk = wire.subarray(at, at + step);
          tracker.feed(chunk, chunk.length);
          assert.equal(tracker.atBoundary(), ends.has(at + chunk.length), `after ${at + chunk.length} bytes`);
        }
      },
    ),
    { numRuns: 100 },
  );
});

test('framePacket frames text and binary packets as engine.io-parser does', async () => {
  await fc.assert(
    fc.asyncProperty(packet, async (p) => {
      const [expected] = await officialFrames([p]);
      const binary = typeof p.data !== 'string';
      const body = binary ? (p.data as Uint8Array) : new TextEncoder().encode(`4${p.data as string}`);
      const framed = framePacket(body, body.length, binary, (length) => new Uint8Array(length));
      assert.deepEqual([...framed], [...expected]);
    }),
    { numRuns: 100 },
  );
});
