// The structured fields a flagged or paired packet carries for code to read (errorKind beside the error text, the
// HTTP status, the attachments received), and an unknown type marked one way: its type field undefined.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSessionDecoder, ERROR_KINDS, type Frame, type Packet } from '../../src/protocol/index.ts';

const EIO4_WS = 'ws://h/socket.io/?EIO=4&transport=websocket';
const EIO3_POLLING = 'http://h/socket.io/?EIO=3&transport=polling';

function run(url: string, frames: Partial<Frame>[], options = {}): Packet[] {
  const decoder = createSessionDecoder({ url, ...options });
  const packets = frames.flatMap((f, i) =>
    decoder.push({
      direction: 'sent',
      transport: url.startsWith('ws') ? 'websocket' : 'polling',
      time: i,
      data: '',
      ...f,
    }),
  );
  return [...packets, ...decoder.flush()];
}

const kinds = (packets: Packet[]) => packets.map((p) => p.errorKind ?? null);

test('each problem has its kind beside its text', () => {
  const cases: [string, string, Partial<Frame>[], (string | null)[]][] = [
    ['frame too large', EIO4_WS, [{ data: 'x'.repeat(2000) }], ['frame-too-large']],
    ['unknown Engine.IO type', EIO4_WS, [{ data: '7abc' }], ['unknown-type']],
    ['unknown Socket.IO type', EIO4_WS, [{ data: '49[]' }], ['unknown-type']],
    ['empty packet, invalid base64', EIO4_WS, [{ data: '' }, { data: 'b!!!' }], ['bad-packet', 'bad-packet']],
    ['invalid JSON, wrong shape', EIO4_WS, [{ data: '42["a",' }, { data: '42{}' }], ['bad-packet', 'bad-packet']],
    ['ack id beyond 2^53-1', EIO4_WS, [{ data: '4390071992547409931[]' }], ['bad-packet']],
    ['invalid open packet', EIO4_WS, [{ data: '0{"sid":' }], ['bad-packet']],
    ['orphan attachment', EIO4_WS, [{ data: '40' }, { data: Uint8Array.of(1) }], [null, 'attachments']],
    [
      'attachments cut short',
      EIO4_WS,
      [{ data: '452-["e",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]' }, { data: Uint8Array.of(1) }],
      ['attachments'],
    ],
    ['a v3 body that does not split', EIO3_POLLING, [{ data: '7:42["a"]x:42' }], [null, 'bad-payload']],
    ['an empty body', EIO3_POLLING, [{ data: '' }], ['bad-payload']],
    ['a JSONP wrapper that does not unwrap', EIO3_POLLING, [{ data: '___eio[0]("4' }], ['bad-jsonp']],
    ['a JSONP payload that does not split', EIO3_POLLING, [{ data: '___eio[0]("x:42");' }], ['bad-payload']],
    [
      'HTTP errors',
      EIO3_POLLING,
      [
        { direction: 'received', httpStatus: 400, data: '{"code":1,"message":"Session ID unknown"}' },
        { direction: 'received', httpStatus: 502, data: '<html>' },
      ],
      ['http-error', 'http-error'],
    ],
  ];
  for (const [what, url, frames, expected] of cases) {
    const packets = run(url, frames, { maxFrameSize: 1000 });
    assert.deepEqual(kinds(packets), expected, what);
    for (const p of packets) assert.equal(p.error !== undefined, p.errorKind !== undefined, `${what}: text and kind`);
  }
});

test('the kinds are the exported list', () => {
  assert.deepEqual([...ERROR_KINDS].sort(), [
    'attachments',
    'bad-jsonp',
    'bad-packet',
    'bad-payload',
    'frame-too-large',
    'http-error',
    'internal',
    'unknown-type',
  ]);
});

test('an unknown type is marked one way: the type field undefined, errorKind unknown-type', () => {
  const [eio] = run(EIO4_WS, [{ data: '7abc' }]);
  assert.deepEqual(
    [eio.layer, eio.eioType, eio.sioType, eio.errorKind],
    ['engine.io', undefined, undefined, 'unknown-type'],
  );
  const [sio] = run(EIO4_WS, [{ data: '49[]' }]);
  assert.deepEqual(
    [sio.layer, sio.eioType, sio.sioType, sio.errorKind],
    ['socket.io', 'message', undefined, 'unknown-type'],
  );
  const [msgpack] = run(EIO4_WS, [
    { data: Uint8Array.of(0x82, 0xa4, 0x74, 0x79, 0x70, 0x65, 0x09, 0xa3, 0x6e, 0x73, 0x70, 0xa1, 0x2f) },
  ]);
  assert.deepEqual([msgpack.parser, msgpack.sioType, msgpack.errorKind], ['msgpack', undefined, 'unknown-type']);
});

test('HTTP status of a body that is no payload, attachments received of a binary packet', () => {
  const [ok, error] = run(EIO3_POLLING, [
    { direction: 'received', httpStatus: 200, data: 'ok' },
    { direction: 'received', httpStatus: 503, data: 'busy' },
  ]);
  assert.deepEqual([ok.layer, ok.httpStatus, ok.error], ['http', 200, undefined]);
  assert.deepEqual([error.layer, error.httpStatus, error.error], ['http', 503, 'HTTP error: HTTP 503']);
  const packets = run(EIO4_WS, [
    { data: '452-["two",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]' },
    { data: Uint8Array.of(1) },
    { data: Uint8Array.of(2) },
    { data: '451-["cut",{"_placeholder":true,"num":0}]' },
    { data: '42["plain"]' },
  ]);
  assert.deepEqual(
    packets.map((p) => [p.event, p.attachments, p.attachmentsReceived]),
    [
      ['two', 2, 2],
      ['cut', 1, 0],
      ['plain', undefined, undefined],
    ],
  );
});
