// Engine.IO packets and polling payloads encoded by engine.io-parser 2.x (EIO3) and 5.x (EIO4) decode
// identically with ours.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeEioPacket } from '../../src/protocol/engineio.ts';
import { splitPayload } from '../../src/protocol/payload.ts';
import { text } from './support/arbitraries.ts';
import { norm } from './support/normalize.ts';
import {
  eio1DecodePayload,
  eio1EncodeTextPayload,
  eioDecodePacket,
  eioDecodePayload,
  eioEncodePacket,
  eioEncodePayload,
  type EioPacketIn,
} from './support/official.ts';

const version = fc.constantFrom(3 as const, 4 as const);
const textTypes = fc.constantFrom('open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop');
const packet: fc.Arbitrary<EioPacketIn> = fc.oneof(
  fc.record({ type: textTypes, data: text(40) }),
  fc.record({ type: textTypes }),
  fc.record({ type: fc.constant('message'), data: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) }),
);

function ours(data: string | Uint8Array, v: 3 | 4): EioPacketIn {
  const p = decodeEioPacket(typeof data === 'string' ? data : new Uint8Array(data), v);
  assert.equal(p.error, undefined);
  return p.data === undefined || p.data === '' ? { type: p.type! } : { type: p.type!, data: p.data as string };
}

function officialOut(p: EioPacketIn): EioPacketIn {
  return p.data === undefined || p.data === '' ? { type: p.type } : p;
}

test('WebSocket frames from engine.io-parser 2.x/5.x decode identically', () => {
  fc.assert(
    fc.property(version, packet, fc.boolean(), (v, p, supportsBinary) => {
      const wire = eioEncodePacket(v, p, supportsBinary);
      assert.deepEqual(norm(ours(wire, v)), norm(officialOut(eioDecodePacket(v, wire))));
    }),
    { numRuns: 400 },
  );
});

test('polling payloads from engine.io-parser 2.x/5.x decode identically (text, XHR2 binary, base64)', () => {
  fc.assert(
    fc.property(
      version,
      fc.array(packet, { minLength: 1, maxLength: 6 }),
      fc.boolean(),
      (v, packets, supportsBinary) => {
        const body = eioEncodePayload(v, packets, supportsBinary);
        const split = splitPayload(typeof body === 'string' ? body : new Uint8Array(body), v);
        assert.equal(split.rest, undefined, JSON.stringify(split.rest));
        if (v === 3 && typeof body === 'string') assert.equal(split.lengthRule, 'utf16');
        const decoded = split.packets.map((data) => ours(data, v));
        assert.deepEqual(norm(decoded), norm(eioDecodePayload(v, body).map(officialOut)));
      },
    ),
    { numRuns: 300 },
  );
});

test('text payloads from engine.io-parser 1.x (socket.io 1.x: packets as UTF-8 byte strings) decode identically', () => {
  const textPacket = fc.record({ type: textTypes, data: text(40) });
  fc.assert(
    fc.property(fc.array(textPacket, { minLength: 1, maxLength: 6 }), (packets) => {
      const body = eio1EncodeTextPayload(packets);
      const split = splitPayload(body, 3);
      assert.equal(split.rest, undefined, JSON.stringify(split.rest));
      const decoded = split.packets.map((data) => ours(data, 3));
      assert.deepEqual(norm(decoded), norm(eio1DecodePayload(body).map(officialOut)));
    }),
    { numRuns: 300 },
  );
  const split = splitPayload(eio1EncodeTextPayload([{ type: 'message', data: '2["echo","héllo 🎉"]' }]), 3);
  assert.equal(split.lengthRule, 'utf8-byte-string');
  assert.deepEqual(split.packets, ['42["echo","héllo 🎉"]']);
});

test('large payloads (up to 1 MB of unicode) split identically', () => {
  fc.assert(
    fc.property(
      version,
      fc.integer({ min: 100_000, max: 1_000_000 }),
      fc.constantFrom('a', 'é', '€', '🎉'),
      (v, n, ch) => {
        const big = ch.repeat(Math.floor(n / ch.length / 2));
        const packets: EioPacketIn[] = [
          { type: 'message', data: big },
          { type: 'ping' },
          { type: 'message', data: `2["x","${big}"]` },
        ];
        const body = eioEncodePayload(v, packets, true) as string;
        const decoded = splitPayload(body, v).packets.map((data) => ours(data, v));
        assert.deepEqual(decoded, eioDecodePayload(v, body).map(officialOut));
      },
    ),
    { numRuns: 6 },
  );
});
