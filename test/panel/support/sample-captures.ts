// Captures the import tests share: recordings of real servers, and hand-made frames for every case.
import { readFileSync } from 'node:fs';
import { Encoder as MsgpackEncoder } from 'socket.io-msgpack-parser';
import type { RecordedFrame } from '../../protocol/golden/tap';
import { binary, text, type CaptureFrame as Frame } from './capture';

/** A recording of a real server and client (test/fixtures, see its README) as the page hook reports it. */
export function golden(name: string, host = '127.0.0.1:3000'): Frame[] {
  const fixture = JSON.parse(readFileSync(new URL(`../../fixtures/${name}.json`, import.meta.url), 'utf8')) as {
    frames: RecordedFrame[];
  };
  return fixture.frames.map((r) => ({
    connection: `${name}-${r.transport}-${r.conn}`,
    url: `${r.transport === 'websocket' ? 'ws' : 'http'}://${host}${r.url}`,
    direction: r.direction,
    transport: r.transport,
    payload:
      r.text !== undefined
        ? text(r.text)
        : { base64: r.base64!, size: Buffer.from(r.base64!, 'base64').length, truncated: false },
    ...(r.method === undefined ? {} : { method: r.method }),
    ...(r.status === undefined ? {} : { status: r.status }),
  }));
}

/** A v3 XHR2 binary payload: text records (Buffer) and binary records (Uint8Array with its type byte). */
function xhr2Payload(...records: Uint8Array[]): Uint8Array {
  return Uint8Array.from(
    records.flatMap((r) => [Buffer.isBuffer(r) ? 0 : 1, ...Array.from(String(r.length), Number), 255, ...r]),
  );
}

export const polling3 = 'http://127.0.0.1:3000/socket.io/?EIO=3&transport=polling';
export const polling4 = 'http://127.0.0.1:4000/socket.io/?EIO=4&transport=polling';
/** A v3 text payload: `<length in UTF-16 units>:<packet>` records. */
export const v3 = (...packets: string[]): string => packets.map((p) => `${p.length}:${p}`).join('');
/** A v3 polling GET answered with `body`, on the URL with `query` (`t=…`, and `sid=…` after the handshake). */
const v3Poll = (connection: string, query: string, body: string): Frame => ({
  connection,
  url: `${polling3}&${query}`,
  direction: 'received',
  transport: 'polling',
  method: 'GET',
  status: 200,
  payload: text(body),
});
export const ws3 = 'ws://127.0.0.1:3000/socket.io/?EIO=3&transport=websocket';
export const ws4 = 'ws://127.0.0.1:4000/socket.io/?EIO=4&transport=websocket';
export const open = (sid: string, upgrades: string[] = ['websocket']) =>
  `0${JSON.stringify({ sid, upgrades, pingInterval: 25000, pingTimeout: 20000 })}`;

/** The golden recordings (test/fixtures) the import round-trips. */
export const RECORDINGS = [
  'v2-websocket',
  'v2-polling',
  'v2-upgrade',
  'v2-base64',
  'v2-jsonp',
  'v2-xhr2',
  'v2-msgpack',
  'v4-websocket',
  'v4-polling',
  'v4-fetch',
  'v4-upgrade',
  'v4-base64',
  'v4-jsonp',
  'v4-msgpack',
  'v4-recovery',
  'v4-allow-eio3',
];

/** v3 polling bodies of several packets with unicode and emoji, acks, namespaces, then an upgrade to a WebSocket. */
export function unicodeUpgrade(): Frame[] {
  const ws = `${ws3}&sid=u1`;
  const event = '420["chat","héllo 🎉 \u2028 😀😀",{"ü":"€"}]';
  return [
    {
      connection: 'x1',
      url: `${polling3}&t=a`,
      direction: 'received',
      transport: 'polling',
      status: 200,
      method: 'GET',
      payload: text(v3(open('u1'), '40')),
    },
    {
      connection: 'x2',
      url: `${polling3}&t=b&sid=u1`,
      direction: 'sent',
      transport: 'polling',
      method: 'POST',
      payload: text(v3(event, '40/admin,')),
    },
    {
      connection: 'x3',
      url: `${polling3}&t=c&sid=u1`,
      direction: 'received',
      transport: 'polling',
      status: 200,
      method: 'GET',
      payload: text(v3('430["✓"]', '40/admin', '42/admin,["hi","🌍"]')),
    },
    { connection: 'ws', url: ws, direction: 'sent', transport: 'websocket', payload: text('2probe') },
    { connection: 'ws', url: ws, direction: 'received', transport: 'websocket', payload: text('3probe') },
    {
      connection: 'x4',
      url: `${polling3}&t=d&sid=u1`,
      direction: 'received',
      transport: 'polling',
      status: 200,
      method: 'GET',
      payload: text('1:6'),
    },
    { connection: 'ws', url: ws, direction: 'sent', transport: 'websocket', payload: text('5') },
    { connection: 'ws', url: ws, direction: 'sent', transport: 'websocket', payload: text('42/admin,7["ask"]') },
    {
      connection: 'ws',
      url: ws,
      direction: 'received',
      transport: 'websocket',
      payload: text('43/admin,7["answer 🎉"]'),
    },
  ];
}

/** Binary attachments over every transport and version: complete, interrupted, never arriving. */
export function binaryAttachments(): Frame[] {
  const [v4ws, v3ws] = [ws4, ws3];
  return [
    // EIO4 WebSocket: a BINARY_EVENT with two attachments, nested; a BINARY_ACK.
    { connection: 'w4', url: v4ws, direction: 'received', transport: 'websocket', payload: text(open('b4', [])) },
    {
      connection: 'w4',
      url: v4ws,
      direction: 'sent',
      transport: 'websocket',
      payload: text('452-/files,3["up",{"a":{"_placeholder":true,"num":1},"b":[{"_placeholder":true,"num":0}]}]'),
    },
    {
      connection: 'w4',
      url: v4ws,
      direction: 'sent',
      transport: 'websocket',
      payload: binary(Uint8Array.of(1, 2, 3)),
    },
    {
      connection: 'w4',
      url: v4ws,
      direction: 'sent',
      transport: 'websocket',
      payload: binary(Uint8Array.of(255, 0)),
    },
    {
      connection: 'w4',
      url: v4ws,
      direction: 'received',
      transport: 'websocket',
      payload: text('461-/files,3[{"_placeholder":true,"num":0}]'),
    },
    {
      connection: 'w4',
      url: v4ws,
      direction: 'received',
      transport: 'websocket',
      payload: binary(Uint8Array.of(9)),
    },
    // Interrupted: one of two attachments, then a text packet.
    {
      connection: 'w4',
      url: v4ws,
      direction: 'sent',
      transport: 'websocket',
      payload: text('452-["two",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'),
    },
    {
      connection: 'w4',
      url: v4ws,
      direction: 'sent',
      transport: 'websocket',
      payload: binary(Uint8Array.of(7, 7)),
    },
    { connection: 'w4', url: v4ws, direction: 'sent', transport: 'websocket', payload: text('42["after"]') },
    // Never arriving: flushed at the end of the capture, flagged.
    {
      connection: 'w4',
      url: v4ws,
      direction: 'received',
      transport: 'websocket',
      payload: text('451-["lost",{"_placeholder":true,"num":0}]'),
    },
    // EIO3 WebSocket: attachments lead with the message type byte.
    { connection: 'w3', url: v3ws, direction: 'received', transport: 'websocket', payload: text(open('b3', [])) },
    {
      connection: 'w3',
      url: v3ws,
      direction: 'sent',
      transport: 'websocket',
      payload: text('451-["bin",{"_placeholder":true,"num":0}]'),
    },
    {
      connection: 'w3',
      url: v3ws,
      direction: 'sent',
      transport: 'websocket',
      payload: binary(Uint8Array.of(4, 0xde, 0xad)),
    },
    // EIO3 polling (XHR2 binary payload) and EIO4 polling (b<base64>).
    v3Poll('p3a', 't=1', v3(open('p3'))),
    {
      connection: 'p3b',
      url: `${polling3}&t=2&sid=p3`,
      direction: 'sent',
      transport: 'polling',
      method: 'POST',
      payload: binary(xhr2Payload(Buffer.from('451-["x",{"_placeholder":true,"num":0}]'), Uint8Array.of(4, 1, 2))),
    },
    {
      connection: 'p4a',
      url: `${polling4}&t=1`,
      direction: 'received',
      transport: 'polling',
      method: 'GET',
      status: 200,
      payload: text(open('p4')),
    },
    {
      connection: 'p4b',
      url: `${polling4}&t=2&sid=p4`,
      direction: 'sent',
      transport: 'polling',
      method: 'POST',
      payload: text('451-["y",{"_placeholder":true,"num":0}]'),
    },
    {
      connection: 'p4c',
      url: `${polling4}&t=3&sid=p4`,
      direction: 'sent',
      transport: 'polling',
      method: 'POST',
      payload: text('bAQID'),
    },
  ];
}

/** Plain WebSockets, malformed packets, HTTP errors, the ok of a POST, an empty body. */
export function malformedAndHttp(): Frame[] {
  const v4ws = ws4;
  return [
    {
      connection: 'plain',
      url: 'wss://example.test/feed',
      direction: 'received',
      transport: 'websocket',
      payload: text('{"price":1}'),
    },
    {
      connection: 'plain',
      url: 'wss://example.test/feed',
      direction: 'sent',
      transport: 'websocket',
      payload: binary(Uint8Array.of(0, 1, 2)),
    },
    { connection: 'w', url: v4ws, direction: 'received', transport: 'websocket', payload: text(open('mal', [])) },
    { connection: 'w', url: v4ws, direction: 'received', transport: 'websocket', payload: text('42["broken",') },
    { connection: 'w', url: v4ws, direction: 'received', transport: 'websocket', payload: text('9nope') },
    { connection: 'w', url: v4ws, direction: 'received', transport: 'websocket', payload: text('42["connect"]') },
    v3Poll('a', 't=a', v3(open('m3'))),
    v3Poll('b', 't=b&sid=m3', '2:403x:zz'),
    v3Poll('c', 't=c&sid=m3', '9:42["a"]99:42'),
    {
      connection: 'd',
      url: `${polling3}&t=d&sid=m3`,
      direction: 'sent',
      transport: 'polling',
      method: 'POST',
      payload: text(''),
    },
    {
      connection: 'd',
      url: `${polling3}&t=d&sid=m3`,
      direction: 'received',
      transport: 'polling',
      method: 'POST',
      status: 200,
      payload: text('ok'),
    },
    {
      connection: 'e',
      url: `${polling4}&sid=gone`,
      direction: 'received',
      transport: 'polling',
      method: 'GET',
      status: 400,
      payload: text('{"code":1,"message":"Session ID unknown"}'),
    },
    {
      connection: 'f',
      url: `${polling4}&sid=gone2`,
      direction: 'received',
      transport: 'polling',
      method: 'GET',
      status: 502,
      payload: text('<html>Bad gateway</html>'),
    },
    {
      connection: 'g',
      url: `${polling4}&t=z`,
      direction: 'received',
      transport: 'polling',
      method: 'GET',
      status: 200,
      payload: text(`${open('q4')}\x1e\x1e42["ok"]`),
    },
  ];
}

/** Packets longer than the panel's 64 KiB raw preview: EVENT and ACK over a WebSocket, an EVENT in a v3 body. */
export function longPackets(): Frame[] {
  const long = 'é🎉x'.repeat(30_000);
  const ws = ws4;
  return [
    { connection: 'w', url: ws, direction: 'received', transport: 'websocket', payload: text(open('long', [])) },
    {
      connection: 'w',
      url: ws,
      direction: 'sent',
      transport: 'websocket',
      payload: text(`42/chat,12["dump",${JSON.stringify({ long })}]`),
    },
    {
      connection: 'w',
      url: ws,
      direction: 'received',
      transport: 'websocket',
      payload: text(`43/chat,12[${JSON.stringify(long)}]`),
    },
    v3Poll('a', 't=a', v3(open('long3'))),
    v3Poll('b', 't=b&sid=long3', v3(`42["dump",${JSON.stringify(long)}]`, '42["next"]')),
  ];
}

/** Long packets no encoder can write again from their fields: a binary message, a plain WebSocket's frame. */
export function longUnrebuildable(): Frame[] {
  const ws = ws4;
  return [
    { connection: 'w', url: ws, direction: 'received', transport: 'websocket', payload: text(open('b', [])) },
    {
      connection: 'w',
      url: ws,
      direction: 'received',
      transport: 'websocket',
      payload: binary(new Uint8Array(70_000)),
    },
    {
      connection: 'p',
      url: 'ws://127.0.0.1:4000/feed',
      direction: 'received',
      transport: 'websocket',
      payload: text('y'.repeat(70_000)),
    },
  ];
}

/** A msgpack session made by the official encoder (socket.io-msgpack-parser 3), binary inline. */
export function msgpackSession(): Frame[] {
  const encoder = new MsgpackEncoder();
  const ws = ws4;
  const frames: Frame[] = [
    { connection: 'm', url: ws, direction: 'received', transport: 'websocket', payload: text(open('mp', [])) },
  ];
  const packets = [
    { direction: 'sent', packet: { type: 0, nsp: '/' } },
    { direction: 'received', packet: { type: 0, nsp: '/', data: { sid: 'x' } } },
    {
      direction: 'sent',
      packet: { type: 2, nsp: '/', id: 5, data: ['upload', Buffer.from([1, 2, 3]), { deep: [Buffer.from('é')] }] },
    },
    { direction: 'received', packet: { type: 3, nsp: '/', id: 5, data: ['stored 🎉'] } },
  ] as const;
  for (const { direction, packet } of packets) {
    for (const encoded of encoder.encode(packet) as unknown as (string | Uint8Array)[]) {
      frames.push({
        connection: 'm',
        url: ws,
        direction,
        transport: 'websocket',
        payload: typeof encoded === 'string' ? text(encoded) : binary(new Uint8Array(encoded)),
      });
    }
  }
  return frames;
}
