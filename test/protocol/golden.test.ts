// Golden recordings from real socket.io 2.x / 4.x servers and clients (test/fixtures, made by
// record-golden.ts) decode to exactly the expected Socket.IO packets, with acks paired, binary rebuilt,
// nothing flagged except the HTTP error probes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createSessionDecoder, type Direction, type Frame, type Packet } from '../../src/protocol/index.ts';
import type { RecordedFrame } from './golden/tap.ts';

interface Fixture {
  name: string;
  frames: RecordedFrame[];
}

const FIXTURES = new URL('../fixtures/', import.meta.url);

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as Fixture;
}

/** The recorded frames as the page hook would report them. */
export function framesOf(f: Fixture): Frame[] {
  return f.frames.map((r, i) => {
    const frame: Frame = {
      direction: r.direction,
      transport: r.transport,
      time: i,
      data: r.text ?? new Uint8Array(Buffer.from(r.base64!, 'base64')),
    };
    if (r.status !== undefined) frame.httpStatus = r.status;
    return frame;
  });
}

export function decodeFixture(f: Fixture): Packet[] {
  const decoder = createSessionDecoder({ url: f.frames[0].url });
  return framesOf(f).flatMap((frame) => decoder.push(frame));
}

const hex = (b: Uint8Array): string => `<${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ')}>`;

/** A compact, exact description of a Socket.IO packet; random sids and recovery offsets are masked. */
function describe(p: Packet): string {
  const payload = p.event !== undefined ? [p.event, ...(p.args ?? [])] : (p.args ?? p.data);
  if (p.offset !== undefined && Array.isArray(payload)) payload[payload.length - 1] = '<offset>';
  const json = JSON.stringify(payload, (k, v: unknown) =>
    v instanceof Uint8Array ? hex(v) : (k === 'sid' || k === 'pid') && typeof v === 'string' ? '<id>' : v,
  );
  return [
    p.sioType,
    (p.namespace ?? '') + (p.query !== undefined ? `?${p.query}` : ''),
    p.ackId !== undefined ? `#${p.ackId}` : '',
    json ?? '',
  ]
    .filter(Boolean)
    .join(' ');
}

interface Flavour {
  client: 2 | 4;
  /** Engine.IO 3 wire (protocol 4 names: ERROR), whatever the server. */
  eio3: boolean;
  msgpack?: boolean;
  recovery?: boolean;
}

/** What the recorded app script (golden/apps.ts) must produce, per direction. */
function expectedApp(f: Flavour): Record<Direction, string[]> {
  const bin = (t: 'EVENT' | 'ACK'): string => (f.msgpack && !f.eio3 ? t : `BINARY_${t}`);
  const off = (args: string): string => (f.recovery ? args.replace(/]$/, ',"<offset>"]') : args);
  const connectData =
    f.client === 4 && !f.eio3 ? (f.recovery ? ' {"sid":"<id>","pid":"<id>"}' : ' {"sid":"<id>"}') : '';
  const refusal = f.eio3
    ? f.msgpack
      ? 'ERROR /forbidden "not authorized"'
      : 'ERROR /forbidden {"code":42}'
    : 'CONNECT_ERROR /forbidden {"message":"not authorized","data":{"code":42}}';
  const sent = [
    ...(f.client === 4 ? ['CONNECT /'] : []),
    'EVENT / #0 ["echo","text",42,{"a":[1,2]},["ünï","😀"],""]',
    `${bin('EVENT')} / #1 ["bin","<01 02 03>"]`,
    `${bin('EVENT')} / ["nested",{"deep":{"buf":"<04 05>","list":["<06>","x"]}}]`,
    'EVENT / ["trigger-ask"]',
    'ACK / #0 ["answer to q1"]',
    f.client === 4 ? 'CONNECT /admin {"token":"abc"}' : 'CONNECT /admin?token=abc',
    'CONNECT /forbidden',
    'DISCONNECT /admin',
    'DISCONNECT /',
  ];
  const received = [
    `CONNECT /${connectData}`,
    `EVENT / ${off('["welcome","héllo 🎉",{"n":1,"nested":{"ok":true}}]')}`,
    'ACK / #0 ["text",42,{"a":[1,2]},["ünï","😀"],""]',
    `${bin('ACK')} / #1 [{"got":3,"back":"<01 02 03>"}]`,
    `${bin('EVENT')} / ${off('["nested:ok",{"deep":{"buf":"<04 05>","list":["<06>","x"]}}]')}`,
    'EVENT / #0 ["ask","q1"]',
    `EVENT / ${off('["asked","answer to q1"]')}`,
    `CONNECT /admin${connectData}`,
    `EVENT /admin ${off('["admin:hello","abc"]')}`,
    refusal,
  ];
  return { sent, received };
}

/** The scripted polling clients (golden/polling-client.ts). */
function expectedPolling(eio: 3 | 4): Record<Direction, string[]> {
  return {
    sent: [
      ...(eio === 4 ? ['CONNECT /'] : []),
      'EVENT / #0 ["echo","a\\nb","c\\\\nd","x y+z&d=1","€"]',
      'BINARY_EVENT / #1 ["bin","<01 02 03>"]',
    ],
    received: [
      eio === 4 ? 'CONNECT / {"sid":"<id>"}' : 'CONNECT /',
      'EVENT / ["welcome","héllo 🎉",{"n":1,"nested":{"ok":true}}]',
      'ACK / #0 ["a\\nb","c\\\\nd","x y+z&d=1","€"]',
      'BINARY_ACK / #1 [{"got":3,"back":"<01 02 03>"}]',
    ],
  };
}

const EXPECTED: Record<string, Record<Direction, string[]>> = {
  'v2-websocket': expectedApp({ client: 2, eio3: true }),
  'v2-polling': expectedApp({ client: 2, eio3: true }),
  'v2-upgrade': expectedApp({ client: 2, eio3: true }),
  'v2-base64': expectedApp({ client: 2, eio3: true }),
  'v2-msgpack': expectedApp({ client: 2, eio3: true, msgpack: true }),
  'v2-jsonp': expectedPolling(3),
  'v2-xhr2': expectedPolling(3),
  'v4-websocket': expectedApp({ client: 4, eio3: false }),
  'v4-polling': expectedApp({ client: 4, eio3: false }),
  'v4-fetch': expectedApp({ client: 4, eio3: false }),
  'v4-upgrade': expectedApp({ client: 4, eio3: false }),
  'v4-base64': expectedApp({ client: 4, eio3: false }),
  'v4-msgpack': expectedApp({ client: 4, eio3: false, msgpack: true }),
  'v4-recovery': expectedApp({ client: 4, eio3: false, recovery: true }),
  'v4-jsonp': expectedPolling(4),
  'v4-allow-eio3': expectedApp({ client: 2, eio3: true }),
};

test('every recorded fixture has an expectation', () => {
  const names = readdirSync(FIXTURES)
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -5));
  assert.deepEqual(names.sort(), Object.keys(EXPECTED).sort());
});

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`golden ${name}: exact Socket.IO packets, acks paired, binary rebuilt, nothing flagged`, () => {
    const fixture = loadFixture(name);
    const packets = decodeFixture(fixture);
    const flagged = packets.filter((p) => p.error);
    assert.ok(
      flagged.every((p) => p.layer === 'http' && /^HTTP error \d: /.test(p.error!)),
      JSON.stringify(flagged),
    );
    assert.equal(flagged.length, name === 'v4-jsonp' ? 3 : name === 'v2-jsonp' ? 2 : 0);
    const sio = packets.filter((p) => p.layer === 'socket.io');
    for (const direction of ['sent', 'received'] as const) {
      assert.deepEqual(
        sio.filter((p) => p.direction === direction).map(describe),
        expected[direction],
        `${direction} packets`,
      );
    }
    const bySeq = new Map(packets.map((p) => [p.seq, p]));
    for (const ack of sio.filter((p) => p.sioType?.endsWith('ACK'))) {
      const event = bySeq.get(ack.replyTo!);
      assert.ok(event, `ACK ${describe(ack)} is paired`);
      assert.deepEqual(
        [event.direction === ack.direction, event.namespace, event.ackIdDigits],
        [false, ack.namespace, ack.ackIdDigits],
      );
      assert.equal(ack.rtt, ack.time - event.time);
    }
    const open = packets.find((p) => p.eioType === 'open')!;
    assert.ok(open.open!.sid.length > 0);
    assert.equal(
      open.open!.maxPayload === undefined,
      name.startsWith('v2-'),
      'maxPayload only from engine.io 6 (also to EIO3 clients)',
    );
    const probe = packets.filter((p) => p.data === 'probe');
    if (probe.length)
      assert.deepEqual(
        probe.map((p) => [p.eioType, p.replyTo]),
        [
          ['ping', undefined],
          ['pong', probe[0].seq],
        ],
      );
  });
}
