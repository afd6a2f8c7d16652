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

/** A change to a packet's text: a character put in at some place, or in place of the one there; `' '`: none. */
const mutation = fc.tuple(fc.nat(), fc.constantFrom('', ',', ']', '"', '\\', '}', 'x', ' '));

/** `text` with `mutation` made. */
function mutated(text: string, [at, cut]: [number, string]): string {
  const i = at % (text.length + 1);
  return cut === ' ' ? text : text.slice(0, i) + cut + text.slice(i + (at % 2));
}

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
        mutation,
      )
      .map(([type, nsp, id, event, args, change]) =>
        mutated(`4${type}${nsp}${id ?? ''}${JSON.stringify(type === '2' ? [event, ...args] : args)}`, change),
      );
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

/** The packets of a binary packet's header, its attachments, and a text packet after them. */
function decodeBinary(header: string, attachments: Uint8Array[], rawPreviewLength?: number): Packet[] {
  const decoder = createSessionDecoder({ url: EIO4, ...(rawPreviewLength === undefined ? {} : { rawPreviewLength }) });
  const frames = [header, ...attachments, '42["next"]'];
  return frames.flatMap((data) => decoder.push({ direction: 'received', transport: 'websocket', data, time: 0 }));
}

/**
 * The packets of `header`, its attachments and a text packet read as an eager decode gives them, whether each one's
 * error or its arguments come first. `leftInHeader`: whether the row work left the binary packet's arguments in its
 * header (a header whose JSON is broken is flagged at once, and waits for no attachments, as an eager decode does).
 */
function assertBinaryAsEager(header: string, attachments: Uint8Array[], leftInHeader?: boolean): void {
  const eager = decodeBinary(header, attachments, 1);
  for (const argsFirst of [false, true]) {
    const lazy = decodeBinary(header, attachments);
    assert.equal(lazy.length, eager.length, header);
    if (leftInHeader !== undefined) assert.equal(lazy[0].argsUnchecked, leftInHeader, header);
    lazy.forEach((packet, i) => {
      assert.deepEqual(seen(packet, argsFirst), seen(eager[i], false), header);
      assert.equal(packet.size, eager[i].size, header);
    });
  }
}

describe('binary packets: arguments read with their attachments', () => {
  const placeholder = (num: number) => ({ _placeholder: true, num });

  it('puts the attachments in place of their placeholders as they are read, as an eager decode does', () => {
    const header = `452-["up",${JSON.stringify(placeholder(0))},{"b":${JSON.stringify(placeholder(1))}}]`;
    const [packet] = decodeBinary(header, [Uint8Array.of(1), Uint8Array.of(2, 3)]);
    assert.ok(packet.argsUnchecked);
    assert.equal(packet.event, 'up');
    assert.deepEqual(packet.args, [Uint8Array.of(1), { b: Uint8Array.of(2, 3) }]);
    assert.equal(packet.error, undefined);
  });

  it('reads valid, odd and short binary packets as an eager decode does', () => {
    const bytes = [Uint8Array.of(1), Uint8Array.of(2, 3)];
    const two = `${JSON.stringify(placeholder(0))},${JSON.stringify(placeholder(1))}`;
    assertBinaryAsEager(`452-["up",${two}]`, bytes, true);
    assertBinaryAsEager(`452-/admin,7["up",{"deep":[[${JSON.stringify(placeholder(1))}]]}]`, bytes, true);
    assertBinaryAsEager(`461-3[${JSON.stringify(placeholder(0))}]`, bytes.slice(0, 1), true);
    assertBinaryAsEager(`451-["up",${JSON.stringify(placeholder(5))}]`, bytes.slice(0, 1), true);
    assertBinaryAsEager(`451-["up",{"_placeholder":true,"num":"0"}]`, bytes.slice(0, 1), true);
    assertBinaryAsEager(`452-["up",${two}]`, [bytes[0]], true);
    assertBinaryAsEager(`452-["up",${two}`, bytes, false);
    assertBinaryAsEager(`451-["disconnect",${JSON.stringify(placeholder(0))}]`, bytes.slice(0, 1), false);
  });

  it('reads any generated binary EVENT and ACK as an eager decode does, mutated or not', () => {
    const leaf = fc.oneof(json, fc.nat({ max: 3 }).map(placeholder));
    const packet = fc
      .tuple(
        fc.constantFrom('5', '6'),
        fc.constantFrom('', '/admin,'),
        fc.option(fc.nat(), { nil: undefined }),
        fc.array(leaf, { maxLength: 4 }),
        fc.array(fc.uint8Array({ maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        fc.nat({ max: 3 }),
        mutation,
      )
      .map(([type, nsp, id, args, attachments, declared, change]) => {
        const text = `4${type}${declared + 1}-${nsp}${id ?? ''}${JSON.stringify(type === '5' ? ['up', ...args] : args)}`;
        return { header: mutated(text, change), attachments: attachments.slice(0, declared + 1) };
      });
    fc.assert(
      fc.property(packet, ({ header, attachments }) => assertBinaryAsEager(header, attachments)),
      { numRuns: 2_000 },
    );
  });

  it('flags a header whose JSON is broken at once: its attachments show as the frames they are', () => {
    const [packet, orphan, next] = decodeBinary('451-["up",{"_placeholder":true,"num":0}', [Uint8Array.of(7)]);
    assert.match(packet.error ?? '', /^invalid payload: not JSON/);
    assert.equal(packet.attachmentsReceived, undefined, 'it waited for no attachment');
    assert.match(orphan.error ?? '', /orphan attachment/);
    assert.deepEqual(orphan.raw, Uint8Array.of(7), 'the bytes are shown (and exported)');
    assert.equal(next.event, 'next');
  });
});
