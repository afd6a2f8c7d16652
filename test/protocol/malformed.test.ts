// A named corpus of broken input: each case yields a flagged packet with the right message and its raw bytes,
// nothing throws, and the good packets around it are kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSessionDecoder, type Frame, type Packet, type SessionOptions } from '../../src/protocol/index.ts';

interface Case {
  name: string;
  options?: SessionOptions;
  frames: Partial<Frame>[];
  /** The expected error of each output packet, in order (undefined = a good packet). */
  errors: (RegExp | undefined)[];
  check?: (packets: Packet[]) => void;
}

const EIO4 = 'http://h/socket.io/?EIO=4&transport=websocket';
const EIO3 = 'http://h/socket.io/?EIO=3&transport=polling';
const bin = (...b: number[]): Uint8Array => Uint8Array.from(b);

const cases: Case[] = [
  {
    name: 'invalid JSON',
    frames: [{ data: '42["a",' }, { data: '42["ok"]' }],
    errors: [/invalid payload: not JSON/, undefined],
    check: ([p]) => assert.equal(p.sioType, 'EVENT'),
  },
  { name: 'wrong payload shape', frames: [{ data: '42{"a":1}' }], errors: [/EVENT data must be an array/] },
  { name: 'DISCONNECT with data', frames: [{ data: '41["x"]' }], errors: [/DISCONNECT carries no data/] },
  { name: 'reserved event name (protocol 5)', frames: [{ data: '42["disconnect"]' }], errors: [/reserved event name/] },
  {
    name: 'unknown Engine.IO type',
    frames: [{ data: '7abc' }, { data: '42["ok"]' }],
    errors: [/unknown Engine.IO packet type "7"/, undefined],
  },
  { name: 'unknown Socket.IO type', frames: [{ data: '49[]' }], errors: [/unknown Socket.IO packet type "9"/] },
  {
    name: 'unknown type inside a v4 payload keeps both neighbours',
    frames: [{ transport: 'polling', data: '42["a"]\x1ez\x1e42["b"]' }],
    errors: [undefined, /unknown Engine.IO packet type "z"/, undefined],
  },
  {
    name: 'truncated v3 payload',
    options: { url: EIO3 },
    frames: [{ transport: 'polling', data: '7:42["a"]30:42' }],
    errors: [undefined, /truncated payload/],
    check: (p) => assert.equal(p[1].raw, '30:42'),
  },
  {
    name: 'bad length in a v3 payload',
    options: { url: EIO3 },
    frames: [{ transport: 'polling', data: '7:42["a"]x:42' }],
    errors: [undefined, /bad length: "x:42"/],
  },
  {
    name: 'truncated v3 binary payload',
    options: { url: EIO3 },
    frames: [{ transport: 'polling', data: bin(0, 2, 0xff, 0x34, 0x30, 1, 9, 0xff, 4, 1) }],
    errors: [undefined, /truncated payload/],
    check: (p) => assert.ok(p[1].raw instanceof Uint8Array),
  },
  { name: 'empty polling body', frames: [{ transport: 'polling', data: '' }], errors: [/empty payload/] },
  {
    name: 'attachment count mismatch (text arrives early)',
    frames: [
      { data: '452-["e",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]' },
      { data: bin(1) },
      { data: '42["next"]' },
    ],
    errors: [/attachment count mismatch: expected 2, got 1/, undefined],
    check: ([p]) => assert.deepEqual(p.args, [bin(1), { _placeholder: true, num: 1 }]),
  },
  {
    name: 'orphan attachment',
    frames: [{ data: '40' }, { data: bin(1, 2, 3) }],
    errors: [undefined, /orphan attachment/],
    check: (p) => assert.deepEqual(p[1].raw, bin(1, 2, 3)),
  },
  {
    name: 'placeholder num out of range',
    frames: [{ data: '451-["e",{"_placeholder":true,"num":5}]' }, { data: bin(9) }],
    errors: [/illegal attachments: 1 placeholder/],
    check: ([p]) => assert.deepEqual(p.args, [{ _placeholder: true, num: 5 }]),
  },
  { name: 'malformed attachment count', frames: [{ data: '45x-["e"]' }], errors: [/illegal attachments/] },
  { name: 'attachment count beyond the cap', frames: [{ data: '4599999-["e"]' }], errors: [/exceeds the cap/] },
  {
    name: 'ack id beyond 2^53-1',
    frames: [{ data: '4390071992547409931[]' }],
    errors: [/exceeds 2\^53-1/],
    check: ([p]) => assert.equal(p.ackIdDigits, '90071992547409931'),
  },
  { name: 'invalid base64 binary', frames: [{ data: 'b!!!' }], errors: [/invalid base64/] },
  { name: 'invalid open packet', frames: [{ data: '0{"sid":' }], errors: [/invalid open packet JSON/] },
  {
    name: 'HTTP error body',
    frames: [
      {
        transport: 'polling',
        direction: 'received',
        httpStatus: 400,
        data: '{"code":1,"message":"Session ID unknown"}',
      },
    ],
    errors: [/HTTP error 1: Session ID unknown/],
    check: ([p]) => assert.equal(p.layer, 'http'),
  },
  {
    name: 'HTTP error status with a non-JSON body',
    frames: [{ transport: 'polling', direction: 'received', httpStatus: 502, data: '<html>Bad gateway</html>' }],
    errors: [/HTTP error: HTTP 502/],
  },
  {
    name: 'malformed JSONP response',
    frames: [{ transport: 'polling', direction: 'received', data: '___eio[0]("4' }],
    errors: [/malformed JSONP response/],
  },
  {
    name: 'malformed JSONP POST encoding',
    frames: [{ transport: 'polling', data: 'd=%E0%A4%A' }],
    errors: [/not valid URL encoding/],
  },
  {
    name: 'invalid msgpack packet type',
    frames: [{ data: bin(0x82, 0xa4, 0x74, 0x79, 0x70, 0x65, 0x09, 0xa3, 0x6e, 0x73, 0x70, 0xa1, 0x2f) }],
    errors: [/invalid packet type "9"/],
  },
  {
    name: 'broken msgpack once the session is msgpack',
    frames: [
      { data: bin(0x82, 0xa4, 0x74, 0x79, 0x70, 0x65, 0x02, 0xa3, 0x6e, 0x73, 0x70, 0xa1, 0x2f) },
      { data: bin(0x83, 0xa4) },
    ],
    errors: [/EVENT data must be an array/, /invalid msgpack packet: msgpack map of 3 entries exceeds the input/],
  },
  {
    name: 'huge frame is truncated, not decoded',
    options: { url: EIO4, maxFrameSize: 1000, rawPreviewLength: 100 },
    frames: [{ data: '42["' + 'x'.repeat(5000) + '"]' }, { data: '42["ok"]' }],
    errors: [/5006 bytes exceeds the 1000-byte decode limit/, undefined],
    check: ([p]) => {
      assert.equal(p.size, 5006);
      assert.equal(p.raw.length, 100);
      assert.equal(p.rawTruncated, true);
    },
  },
];

for (const c of cases) {
  test(`malformed: ${c.name}`, () => {
    const decoder = createSessionDecoder(c.options ?? { url: EIO4 });
    const packets = c.frames.flatMap((f, i) =>
      decoder.push({ direction: 'sent', transport: 'websocket', time: i, data: '', ...f }),
    );
    assert.equal(packets.length, c.errors.length, JSON.stringify(packets));
    c.errors.forEach((expected, i) => {
      const p = packets[i];
      if (expected) assert.match(p.error ?? '(no error)', expected);
      else assert.equal(p.error, undefined);
      assert.ok(p.raw !== undefined && (p.raw.length > 0 || c.name === 'empty polling body'));
      assert.doesNotMatch(p.error ?? '', /internal decoder error/);
    });
    c.check?.(packets);
  });
}

test('malformed: attachments still missing when the capture ends are flushed, flagged', () => {
  const decoder = createSessionDecoder({ url: EIO4 });
  assert.deepEqual(
    decoder.push({
      direction: 'received',
      transport: 'websocket',
      time: 0,
      data: '461-3["x",{"_placeholder":true,"num":0}]',
    }),
    [],
  );
  const [p] = decoder.flush();
  assert.match(p.error!, /expected 1, got 0 before the capture ended/);
  assert.deepEqual([p.sioType, p.ackIdDigits, p.args], ['BINARY_ACK', '3', ['x', { _placeholder: true, num: 0 }]]);
  assert.deepEqual(decoder.flush(), []);
});
