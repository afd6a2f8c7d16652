// A text EVENT/ACK's arguments stay in its wire text, unchecked, until the packet's error, errorKind or args are
// read: what a read then finds is exactly what an eager decode gives (the decoder parses arguments on arrival when
// `raw` is cut to the preview, so a decoder with a 1-character preview is the reference).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { createSessionDecoder, type Packet } from '../../src/protocol/index.ts';
import { json } from './support/arbitraries.ts';

const EIO4 = 'ws://h/socket.io/?EIO=4&transport=websocket';
const EIO3 = 'ws://h/socket.io/?EIO=3&transport=websocket';

function decode(text: string, url = EIO4, rawPreviewLength?: number): Packet {
  const decoder = createSessionDecoder({ url, ...(rawPreviewLength === undefined ? {} : { rawPreviewLength }) });
  const [packet] = decoder.push({ direction: 'received', transport: 'websocket', data: text, time: 0 });
  return packet;
}

/** What a reader sees of a packet, its error read first or its arguments read first. */
function seen(packet: Packet, argsFirst: boolean) {
  const args = argsFirst ? packet.args : undefined;
  const error = packet.error;
  return {
    error,
    errorKind: packet.errorKind,
    event: packet.event,
    args: argsFirst ? args : packet.args,
    sioType: packet.sioType,
    namespace: packet.namespace,
    ackIdDigits: packet.ackIdDigits,
  };
}

/**
 * The packet of `text` reads as an eager decode gives it; but a flagged EVENT whose name was read for its row keeps
 * that name (an eager decode has none).
 */
function assertAsEager(text: string, url = EIO4): void {
  const eager = seen(decode(text, url, 1), false);
  for (const argsFirst of [false, true]) {
    const lazy = seen(decode(text, url), argsFirst);
    assert.deepEqual({ ...lazy, event: eager.event }, eager, text);
    if (!isDeepStrictEqual(lazy.event, eager.event)) {
      assert.match(eager.error ?? '', /invalid payload: not JSON/, text);
      assert.ok(typeof lazy.event === 'string' || typeof lazy.event === 'number', text);
    }
  }
}

const MALFORMED = [
  '42["a",',
  '42["a"]99',
  '42["a",}',
  '42[1x]',
  '42/admin,7["a",{"b":[1,2}]',
  '4299999999999999999["a",]',
  '43[1,',
  '4312[{"ok":tru}]',
  '42["\\u00e9vent",\u0001]',
  '42["a"] ',
  '42[ "spaced" , 1 ]',
  '42["disconnect",1',
  '42[{"not":"a name"},',
  '42["\\x"]',
  '42[]',
  '43{"a":1}',
];

describe('arguments checked when first read', () => {
  it('leaves a malformed EVENT unflagged until read, then flags it as an eager decode does', () => {
    const packet = decode('42["chat",{"text":"hi"');
    assert.equal(packet.event, 'chat', 'the row work read the event name only');
    assert.match(packet.error ?? '', /^invalid payload: not JSON \(.*\): "\[\\"chat\\",\{\\"text\\":\\"hi\\""$/);
    assert.equal(packet.errorKind, 'bad-packet');
    assert.equal(packet.event, 'chat', 'its name stays, as the timeline counted it');
    assert.equal(packet.args, undefined);
    assert.equal(packet.raw, '42["chat",{"text":"hi"', 'its raw text is kept');
  });

  it('gives no arguments, and flags the packet, when they are read first', () => {
    const packet = decode('431[{"ok":true]');
    assert.equal(packet.args, undefined);
    assert.match(packet.error ?? '', /not JSON/);
  });

  it('reads every malformed and odd text as an eager decode does, in both protocols', () => {
    for (const text of MALFORMED) for (const url of [EIO4, EIO3]) assertAsEager(text, url);
  });

  it('reads any generated EVENT and ACK as an eager decode does, mutated or not', () => {
    const name = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.integer(), fc.constant('connect'));
    const packetText = fc
      .tuple(
        fc.constantFrom('2', '3'),
        fc.constantFrom('', '/admin,'),
        fc.option(fc.nat(), { nil: undefined }),
        name,
        fc.array(json, { maxLength: 3 }),
        fc.nat(),
        fc.constantFrom('', ',', ']', '"', '\\', '}', 'x', ' '),
      )
      .map(([type, nsp, id, event, args, at, cut]) => {
        const text = `4${type}${nsp}${id ?? ''}${JSON.stringify(type === '2' ? [event, ...args] : args)}`;
        const i = at % (text.length + 1);
        return cut === ' ' ? text : text.slice(0, i) + cut + text.slice(i + (at % 2));
      });
    fc.assert(
      fc.property(packetText, (text) => assertAsEager(text)),
      { numRuns: 5_000 },
    );
  });

  it('gives the same arguments on each read while they are held, and equal ones after', () => {
    const packets = Array.from({ length: 70 }, (_, i) => decode(`42["e",{"i":${i}}]`));
    const first = packets[0].args;
    assert.equal(packets[0].args, first, 'read twice: the same array');
    for (const packet of packets.slice(1)) void packet.args;
    const again = packets[0].args;
    assert.notEqual(again, first, 'let go once 64 other packets were read');
    assert.deepEqual(again, [{ i: 0 }]);
  });
});
