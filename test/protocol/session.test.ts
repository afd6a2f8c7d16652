// Session decoding behaviours: transports, upgrade, attachments across requests, pairing, detection, JSONP,
// length rules, plain Engine.IO and plain WebSockets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64Decode, createSessionDecoder, type Frame, type Packet } from '../../src/protocol/index.ts';
import { notepack } from './support/official.ts';

type F = Partial<Frame> & Pick<Frame, 'data'>;
function run(url: string, frames: F[]): Packet[] {
  const d = createSessionDecoder({ url });
  return frames.flatMap((f, i) =>
    d.push({ direction: 'sent', transport: url.includes('websocket') ? 'websocket' : 'polling', time: i * 10, ...f }),
  );
}
const framed = (packet: string): string => `${packet.length}:${packet}`;
const pick = (p: Packet) => ({
  sioType: p.sioType,
  namespace: p.namespace,
  event: p.event,
  args: p.args,
  ackId: p.ackId,
  data: p.data,
});

test('socket.io 2.x handshake poll: open fields and the automatic CONNECT', () => {
  const [open, connect] = run('http://h/socket.io/?EIO=3&transport=polling', [
    {
      direction: 'received',
      data: '96:0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":5000}2:40',
    },
  ]);
  assert.deepEqual(open.open, {
    sid: 'lv_VI97HAXpY6yYWAAAC',
    upgrades: ['websocket'],
    pingInterval: 25000,
    pingTimeout: 5000,
  });
  assert.equal(connect.sioType, 'CONNECT');
});

test('v3 length rules: UTF-16 units (reference), then code points, then UTF-8 bytes, reported', () => {
  const url = 'http://h/socket.io/?EIO=3&transport=polling';
  for (const [len, rule] of [
    [23, undefined],
    [22, /code points/],
    [25, /UTF-8 bytes/],
  ] as const) {
    const [p] = run(url, [{ data: `${len}:42["chat message","🎉"]` }]);
    assert.equal(p.error, undefined);
    assert.deepEqual(p.args, ['🎉']);
    if (rule) assert.match(p.note!, rule);
    else assert.equal(p.note, undefined);
  }
  const [euro] = run('http://h/engine.io/?EIO=3&transport=polling', [{ data: '2:4€' }]);
  assert.equal(euro.data, '€');
});

test('binary attachments are rebuilt across polling requests and after the upgrade', () => {
  const frames: F[] = [
    { transport: 'polling', data: '452-["up",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]' },
    { transport: 'polling', data: 'bAQI=' },
    { transport: 'websocket', data: Uint8Array.of(9) },
  ];
  const d = createSessionDecoder({ url: 'http://h/socket.io/?EIO=4&transport=polling' });
  assert.deepEqual(d.push({ direction: 'sent', time: 0, ...frames[0] } as Frame), []);
  assert.deepEqual(d.push({ direction: 'sent', time: 1, ...frames[1] } as Frame), []);
  const [p] = d.push({ direction: 'sent', time: 2, ...frames[2] } as Frame);
  assert.deepEqual(pick(p), {
    sioType: 'BINARY_EVENT',
    namespace: '/',
    event: 'up',
    args: [Uint8Array.of(1, 2), Uint8Array.of(9)],
    ackId: undefined,
    data: undefined,
  });
  assert.equal(p.attachments, 2);
  assert.equal(p.size, '452-["up",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'.length + 5 + 1);
});

test('the two directions keep separate attachment state', () => {
  const packets = run('ws://h/socket.io/?EIO=4&transport=websocket', [
    { direction: 'sent', data: '451-["a",{"_placeholder":true,"num":0}]' },
    { direction: 'received', data: '42["interleaved"]' },
    { direction: 'sent', data: Uint8Array.of(7) },
  ]);
  assert.deepEqual(
    packets.map((p) => [p.direction, p.event, p.error]),
    [
      ['received', 'interleaved', undefined],
      ['sent', 'a', undefined],
    ],
  );
});

test('ACKs pair with their EVENT by namespace, id and direction, with round-trip time', () => {
  const packets = run('ws://h/socket.io/?EIO=4&transport=websocket', [
    { direction: 'sent', data: '42/admin,12["hi"]' },
    { direction: 'sent', data: '4212["other namespace"]' },
    { direction: 'received', data: '4212["hello from server, same id"]' },
    { direction: 'sent', data: '43/admin,12["wrong direction"]' },
    { direction: 'received', data: '43/admin,12["ok"]' },
  ]);
  assert.equal(packets[3].replyTo, undefined);
  assert.match(packets[3].note!, /no EVENT with ack id/);
  assert.equal(packets[4].replyTo, packets[0].seq);
  assert.equal(packets[4].rtt, 40);
  assert.equal(packets[2].replyTo, undefined, 'an EVENT is not an ACK');
  assert.deepEqual(
    packets.map((p) => p.answeredBy),
    [packets[4].seq, undefined, undefined, undefined, undefined],
    'the EVENT is marked with the ACK that answered it, the others with nothing',
  );
});

test('ping/pong pairing in both Engine.IO versions, probes included', () => {
  const v4 = run('ws://h/socket.io/?EIO=4&transport=websocket', [
    { direction: 'sent', data: '2probe' },
    { direction: 'received', data: '3probe' },
    { direction: 'sent', data: '5' },
    { direction: 'received', data: '2' },
    { direction: 'sent', data: '3' },
  ]);
  assert.deepEqual(
    v4.map((p) => p.answeredBy),
    [1, undefined, undefined, 4, undefined],
  );
  assert.deepEqual(
    v4.map((p) => [p.eioType, p.replyTo, p.rtt]),
    [
      ['ping', undefined, undefined],
      ['pong', 0, 10],
      ['upgrade', undefined, undefined],
      ['ping', undefined, undefined],
      ['pong', 3, 10],
    ],
  );
  const v3 = run('http://h/socket.io/?EIO=3&transport=polling', [
    { direction: 'sent', data: '1:2' },
    { direction: 'received', data: '1:3' },
  ]);
  assert.equal(v3[1].rtt, 10);
});

test('protocol 4 CONNECT query, ERROR payloads, protocol 5 CONNECT_ERROR', () => {
  const v3 = run('http://h/socket.io/?EIO=3&transport=polling', [
    { data: framed('40/admin?token=abc&x=1,') },
    { direction: 'received', data: framed('44/admin,"Invalid namespace"') },
  ]);
  assert.deepEqual([v3[0].namespace, v3[0].query], ['/admin', 'token=abc&x=1']);
  assert.deepEqual([v3[1].sioType, v3[1].data], ['ERROR', 'Invalid namespace']);
  const [v4] = run('ws://h/socket.io/?EIO=4&transport=websocket', [
    { direction: 'received', data: '44{"message":"Not authorized","data":{"code":42}}' },
  ]);
  assert.deepEqual([v4.sioType, v4.data], ['CONNECT_ERROR', { message: 'Not authorized', data: { code: 42 } }]);
});

test('connection-state-recovery offsets are recognised after a CONNECT with pid', () => {
  const packets = run('ws://h/socket.io/?EIO=4&transport=websocket', [
    { direction: 'received', data: '40{"sid":"s","pid":"p"}' },
    { direction: 'received', data: '42["msg","hi","MzUPkW0"]' },
    { direction: 'received', data: '42/other,["msg","hi"]' },
  ]);
  assert.equal(packets[1].offset, 'MzUPkW0');
  assert.equal(packets[2].offset, undefined);
});

test('JSONP response and POST bodies (newline escaping) decode', () => {
  const [open, connect] = run('http://h/socket.io/?EIO=4&transport=polling&j=0', [
    { direction: 'received', data: '___eio[0]("0{\\"sid\\":\\"abc\\"}\\u001e40");' },
  ]);
  assert.equal(open.open!.sid, 'abc');
  assert.equal(connect.sioType, 'CONNECT');
  // emit('m', 'a\nb'): the JSON holds a backslash-n, which the client escapes to \\n before form-encoding.
  const body = 'd=' + encodeURIComponent(String.raw`14:42["m","a\\nb"]`).replace(/%20/g, '+');
  const [p] = run('http://h/socket.io/?EIO=3&transport=polling&j=0', [{ data: body }]);
  assert.deepEqual(p.args, ['a\nb']);
});

test('msgpack: README bytes, the default CONNECT in v4 polling, socket.io 2 JSON packets', () => {
  const hello = Uint8Array.from(
    '83a474797065 02a36e7370a12fa464617461 92a568656c6c6fa3796f75'
      .replace(/ /g, '')
      .match(/../g)!
      .map((h) => parseInt(h, 16)),
  );
  const [e] = run('ws://h/socket.io/?EIO=4&transport=websocket', [{ data: hello }]);
  assert.deepEqual([e.parser, e.sioType, e.event, e.args], ['msgpack', 'EVENT', 'hello', ['you']]);
  const [c] = run('http://h/socket.io/?EIO=4&transport=polling', [{ data: 'bg6R0eXBlAKRkYXRh1AAAo25zcKEv' }]);
  assert.deepEqual(
    [c.parser, c.sioType, c.namespace, c.data, c.error],
    ['msgpack', 'CONNECT', '/', undefined, undefined],
  );
  const [j] = run('http://h/socket.io/?EIO=3&transport=polling', [
    { direction: 'received', data: '21:4{"type":0,"nsp":"/"}' },
  ]);
  assert.deepEqual([j.parser, j.sioType], ['msgpack', 'CONNECT']);
  assert.ok(base64Decode('g6R0eXBlAKRkYXRh1AAAo25zcKEv'));
});

test("msgpack EVENT and ACK arguments: kept in the frame's bytes when whole, read the same in every form", () => {
  const args = ['text', { n: 1, list: [1, 2, 3] }, Uint8Array.of(1, 2, 3), null];
  const packed = (packet: object, eio3 = false) => {
    const bytes = new Uint8Array(notepack.encode(packet));
    return eio3 ? Uint8Array.of(4, ...bytes) : bytes;
  };
  const event = { type: 2, nsp: '/', data: ['news', ...args], id: 7 };
  const ack = { type: 3, nsp: '/', data: args, id: 7 };
  const ws4 = 'ws://h/socket.io/?EIO=4&transport=websocket';
  const ws3 = 'ws://h/socket.io/?EIO=3&transport=websocket';
  const polling4 = 'http://h/socket.io/?EIO=4&transport=polling';
  const b64 = `b${Buffer.from(packed(event)).toString('base64')}`;
  const forms: [string, Packet][] = [
    ['EIO4 WebSocket', run(ws4, [{ data: packed(event) }])[0]],
    ['EIO3 WebSocket (type byte first)', run(ws3, [{ data: packed(event, true) }])[0]],
    ['v4 polling, base64', run(polling4, [{ data: b64 }])[0]],
    [
      'cut to the preview',
      createSessionDecoder({ url: ws4, rawPreviewLength: 8 }).push({
        direction: 'received',
        transport: 'websocket',
        time: 0,
        data: packed(event),
      })[0],
    ],
  ];
  for (const [form, p] of forms) {
    assert.deepEqual(
      [p.parser, p.sioType, p.event, p.ackId, p.error],
      ['msgpack', 'EVENT', 'news', 7, undefined],
      form,
    );
    assert.deepEqual(p.args, args, form);
    assert.equal(p.args, p.args, `${form}: read once, held`);
  }
  const [answer] = run(ws4, [{ data: packed(ack) }]);
  assert.deepEqual([answer.sioType, answer.event, answer.args], ['ACK', undefined, args]);
  // The arguments are read from the frame's bytes when asked for: not a copy made as the packet was decoded.
  const bytes = packed({ type: 2, nsp: '/', data: ['n', 1] });
  const [live] = run(ws4, [{ data: bytes }]);
  bytes[bytes.length - 1] = 2;
  assert.deepEqual(live.args, [2]);
  // Not an EVENT's array: read whole, and flagged as before.
  const [connect] = run(ws4, [{ data: packed({ type: 0, nsp: '/', data: [1, 2] }) }]);
  assert.deepEqual([connect.sioType, connect.data, connect.errorKind], ['CONNECT', [1, 2], 'bad-packet']);
  const [nameless] = run(ws4, [{ data: packed({ type: 2, nsp: '/', data: [{}, 1] }) }]);
  assert.deepEqual([nameless.error, nameless.args], ['invalid payload: EVENT without an event name', [1]]);
});

test('plain Engine.IO apps and plain WebSockets are shown raw, not as errors', () => {
  const eio = run('ws://h/engine.io/?EIO=4&transport=websocket', [
    { data: '4hello' },
    { data: Uint8Array.of(1, 2) },
    { data: '4{"json":true}' },
  ]);
  assert.deepEqual(
    eio.map((p) => [p.layer, p.eioType, p.error]),
    Array(3).fill(['engine.io', 'message', undefined]),
  );
  assert.equal(eio[0].data, 'hello');
  const auto = run('ws://h/custom/?EIO=4&transport=websocket', [{ data: '4hello' }, { data: Uint8Array.of(1) }]);
  assert.deepEqual(
    auto.map((p) => [p.layer, p.error]),
    [
      ['engine.io', undefined],
      ['engine.io', undefined],
    ],
  );
  const ws = run('wss://h/chat', [{ data: '{"type":"chat"}' }, { data: Uint8Array.of(0xff) }, { data: '42' }]);
  assert.deepEqual(
    ws.map((p) => [p.layer, p.eioType, p.error]),
    Array(3).fill(['websocket', undefined, undefined]),
  );
});

test('HTTP ok answers to POSTs and noop during upgrade', () => {
  const packets = run('http://h/socket.io/?EIO=3&transport=polling', [
    { direction: 'received', data: 'ok' },
    { direction: 'received', data: '1:6' },
  ]);
  assert.deepEqual(
    packets.map((p) => [p.layer, p.eioType ?? null, p.error]),
    [
      ['http', null, undefined],
      ['engine.io', 'noop', undefined],
    ],
  );
});

test('a text EVENT or ACK kept whole holds its text: its arguments are read again from it, the same each time', () => {
  const url = 'ws://h/socket.io/?EIO=4&transport=websocket';
  const [event, ack, emptyAck] = run(url, [
    { data: '42/chat,7["chat message",{"text":"hi 🎉"},[1,null]]' },
    { data: '43/chat,7["ok",2]', direction: 'received' },
    { data: '438[]', direction: 'received' },
  ]);
  assert.deepEqual(pick(event), {
    sioType: 'EVENT',
    namespace: '/chat',
    event: 'chat message',
    args: [{ text: 'hi 🎉' }, [1, null]],
    ackId: 7,
    data: undefined,
  });
  assert.equal(event.args, event.args, 'read twice, one array');
  assert.deepEqual([ack.args, ack.replyTo, emptyAck.args], [['ok', 2], event.seq, []]);
  // A packet cut to the preview keeps what was decoded: its raw no longer holds the whole JSON.
  const cut = createSessionDecoder({ url, rawPreviewLength: 8 });
  const [long] = cut.push({ direction: 'sent', transport: 'websocket', time: 0, data: '42["e","a long argument"]' });
  assert.deepEqual([long.rawTruncated, long.event, long.args], [true, 'e', ['a long argument']]);
});

test('fields most packets leave unset read as unset, and as set once set', () => {
  const [ping] = run('ws://h/engine.io/?EIO=4&transport=websocket', [{ data: '2probe' }]);
  assert.deepEqual(
    [ping.eioType, ping.data, ping.note, ping.rtt, ping.query],
    ['ping', 'probe', undefined, undefined, undefined],
  );
  ping.note = 'a note';
  ping.rtt = 5;
  assert.deepEqual([ping.note, ping.rtt, ping.data, ping.completedAt], ['a note', 5, 'probe', undefined]);
});
