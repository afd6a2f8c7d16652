// The hook's split and join of Engine.IO text polling bodies (what a held packet is cut out of, and what the page or
// the server then gets), against the official encoders: engine.io-parser 5.x (EIO4) and 2.x (EIO3, socket.io 2.x).
import './page-globals';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { joinPollingBody, splitPollingBody as splitBare } from '../../src/page/polling-frames';
import { eioDecodePayload, eioEncodePacket, eioEncodePayload, type EioPacketIn } from '../protocol/support/official';

/** The hook's split, as a plain array (the hook's own is prototype-free). */
const splitPollingBody = (body: string, eio: 3 | 4) => {
  const split = splitBare(body, eio);
  return split && Array.from(split);
};

/** Engine.IO text packets: messages of any text (emoji and lone surrogates included), heartbeats, noops. */
const packets = fc.array(
  fc.oneof(
    fc.record({ type: fc.constant('message'), data: fc.string({ unit: 'binary', maxLength: 40 }) }),
    fc.constantFrom<EioPacketIn>({ type: 'ping' }, { type: 'pong' }, { type: 'noop' }, { type: 'message', data: '' }),
  ),
  { minLength: 1, maxLength: 12 },
);
/** EIO4 separates packets with U+001E, which no text packet of it may hold. */
const packetsV4 = packets.map((list) =>
  list.map((p) => (typeof p.data === 'string' ? { ...p, data: p.data.replaceAll('\x1e', '') } : p)),
);

const bodyOf = (eio: 3 | 4, list: EioPacketIn[]) => eioEncodePayload(eio, list, false) as string;
const textsOf = (eio: 3 | 4, list: EioPacketIn[]) => list.map((p) => eioEncodePacket(eio, p, false) as string);

/** The packets the official EIO3 decoder reads from a body, as text; undefined when it reports an error. */
function officialV3(body: string): string[] | undefined {
  const read = eioDecodePayload(3, body);
  return read.some((packet) => packet.type === 'error') ? undefined : textsOf(3, read);
}

/** The official encoder's body of `list` splits into its packets' texts, and they join back to the same body. */
function assertSplitAndJoin(eio: 3 | 4, list: EioPacketIn[]): void {
  const body = bodyOf(eio, list);
  const split = splitPollingBody(body, eio);
  assert.deepEqual(split, textsOf(eio, list));
  assert.equal(joinPollingBody(split ?? [], eio), body);
}

describe('Engine.IO polling bodies in the page hook', () => {
  it('splits an EIO4 body into the packets the official encoder joined, and joins them back to the same body', () => {
    fc.assert(fc.property(packetsV4, (list) => assertSplitAndJoin(4, list)));
  });

  it('splits an EIO3 body by lengths in UTF-16 units, as socket.io 2.x writes them, and joins it back', () => {
    fc.assert(fc.property(packets, (list) => assertSplitAndJoin(3, list)));
  });

  it('reads any EIO3 body the official decoder reads as it does, and leaves alone one that does not split', () => {
    const v3Like = fc.oneof(
      fc.string({ unit: fc.constantFrom('1', '2', '3', ':', '4', 'a', '🎉', '0'), maxLength: 20 }),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(v3Like, (body) => {
        const split = splitPollingBody(body, 3);
        const official = body === '' ? undefined : officialV3(body);
        if (split === undefined) return;
        assert.ok(split.length > 0);
        // The official decoder skips an empty packet (`0:`); the hook keeps it, so that the body joins back as it was.
        if (official)
          assert.deepEqual(
            split.filter((packet) => packet !== ''),
            official,
          );
        const lengths = split.reduce((sum, packet) => sum + packet.length, 0);
        assert.ok(lengths <= body.length, 'the packets come from the body');
      }),
    );
    assert.equal(splitPollingBody('4:4ab', 3), undefined, 'a length beyond the body');
    assert.equal(splitPollingBody('4ab', 3), undefined, 'no length');
    assert.equal(splitPollingBody('', 3), undefined, 'nothing to split');
    assert.deepEqual(splitPollingBody('0:1:2', 3), ['', '2'], 'an empty packet is kept, in its place');
    assert.equal(joinPollingBody(['', '2'], 3), '0:1:2');
  });

  it('writes a noop when nothing is left to pass, so that the page keeps polling', () => {
    assert.equal(joinPollingBody([], 4), '6');
    assert.equal(joinPollingBody([], 3), '1:6');
    assert.deepEqual(eioDecodePayload(4, joinPollingBody([], 4)), [{ type: 'noop' }]);
    assert.deepEqual(officialV3(joinPollingBody([], 3)), ['6']);
  });
});
