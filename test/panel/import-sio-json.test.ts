import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Encoder as MsgpackEncoder } from 'socket.io-msgpack-parser';
import type { FramePayload, RelayedRecord } from '../../src/messages';
import { decodeCapture } from '../../src/panel/decode/sessions';
import { buildExport } from '../../src/panel/export/sio-json';
import { importCapture } from '../../src/panel/import';
import type { CapturedRow } from '../../src/panel/store/capture';

// A capture, as the store holds it: rows in time order, numbered per document.
type Frame = {
  connection: string;
  url: string;
  direction: 'sent' | 'received';
  transport: 'polling' | 'websocket';
  payload: FramePayload;
  status?: number;
  method?: string;
};

const T0 = 1_764_093_600_000.25;

function capture(frames: Frame[]): CapturedRow[] {
  return frames.map((frame, seq) => {
    const { status, method, ...rest } = frame;
    const record: RelayedRecord = {
      kind: 'frame',
      seq,
      time: T0 + seq * 7.5,
      ...rest,
      ...(method === undefined ? {} : { method }),
      ...(status === undefined ? {} : { status }),
    };
    return { kind: 'record', key: `doc:${seq}`, time: record.time, frameId: 0, documentId: 'doc', record };
  });
}

const text = (value: string): FramePayload => ({ text: value, size: value.length, truncated: false });
const binary = (bytes: Uint8Array): FramePayload => ({
  base64: Buffer.from(bytes).toString('base64'),
  size: bytes.length,
  truncated: false,
});

interface RecordedFrame {
  conn: number;
  direction: 'sent' | 'received';
  transport: 'polling' | 'websocket';
  url: string;
  method?: string;
  status?: number;
  text?: string;
  base64?: string;
}

/** A recording of a real server and client (test/fixtures, see its README) as the page hook reports it. */
function golden(name: string, host = '127.0.0.1:3000'): Frame[] {
  const fixture = JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as {
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

/** What the panel writes: the export of the decoded rows, through JSON text. */
function exportOf(rows: readonly CapturedRow[]) {
  const { sessions, packets } = decodeCapture(rows);
  return JSON.parse(JSON.stringify(buildExport(sessions, packets, new Date(T0)))) as ReturnType<typeof buildExport>;
}

/** export → import → decode → export: the same sessions and packets, and rows shaped as captured. */
function assertRoundTrip(rows: readonly CapturedRow[]) {
  const original = exportOf(rows);
  const imported = importCapture(JSON.stringify(original), 'capture.sio.json');
  assert.ok(imported.ok, imported.ok ? '' : imported.error);
  assert.deepEqual(imported.warnings, []);
  imported.rows.forEach((row, seq) => {
    assert.equal(row.kind, 'record');
    if (row.kind !== 'record') return;
    assert.equal(row.documentId, 'import:capture.sio.json');
    assert.equal(row.frameId, 0);
    assert.equal(row.key, `import:capture.sio.json:${seq}`);
    assert.equal(row.record.seq, seq);
    assert.equal(row.time, row.record.time);
    if (seq > 0) assert.ok(row.time >= imported.rows[seq - 1].time, 'rows in time order');
    if (row.record.kind === 'frame' && row.record.url.includes('EIO=')) assert.match(row.record.url, /transport=/);
  });
  const again = exportOf(imported.rows);
  assert.deepEqual({ ...again, exportedAt: '' }, { ...original, exportedAt: '' });
  return { original, rows: imported.rows };
}

const polling3 = 'http://127.0.0.1:3000/socket.io/?EIO=3&transport=polling';
const polling4 = 'http://127.0.0.1:4000/socket.io/?EIO=4&transport=polling';
/** A v3 text payload: `<length in UTF-16 units>:<packet>` records. */
const v3 = (...packets: string[]): string => packets.map((p) => `${p.length}:${p}`).join('');
const open = (sid: string, upgrades: string[] = ['websocket']) =>
  `0${JSON.stringify({ sid, upgrades, pingInterval: 25000, pingTimeout: 20000 })}`;

describe('import of a *.sio.json export', () => {
  const recordings = [
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
  for (const name of recordings) {
    it(`round-trips the recording of a real server and client: ${name}`, () => {
      const { original } = assertRoundTrip(capture(golden(name)));
      assert.ok(original.packets.length > 5);
      assert.ok(original.packets.some((p) => p.sio?.type === 'EVENT'));
    });
  }

  it('round-trips all recordings in one capture (sessions keep their ids, halves stay merged by sid)', () => {
    const frames = recordings.flatMap((name) => golden(name));
    const { original } = assertRoundTrip(capture(frames));
    const upgraded = original.sessions.filter((s) => s.transports.join() === 'polling,websocket');
    assert.ok(upgraded.length >= 4);
    assert.ok(original.sessions.some((s) => s.eio === 3) && original.sessions.some((s) => s.eio === 4));
  });

  it('round-trips v3 polling bodies of several packets with unicode and emoji, acks, namespaces and an upgrade', () => {
    const ws = 'ws://127.0.0.1:3000/socket.io/?EIO=3&transport=websocket&sid=u1';
    const event = '420["chat","héllo 🎉 \u2028 😀😀",{"ü":"€"}]';
    const { original } = assertRoundTrip(
      capture([
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
      ]),
    );
    assert.deepEqual(original.sessions, [
      { id: 's1', url: `${polling3}&t=a`, eio: 3, sid: 'u1', transports: ['polling', 'websocket'] },
    ]);
    const sio = original.packets.flatMap((p) =>
      p.sio
        ? [
            `${p.transport} ${p.direction} ${p.sio.type} ${p.sio.nsp} #${p.sio.id ?? ''} ${p.sio.event ?? ''} ${JSON.stringify(p.sio.args ?? null)}`,
          ]
        : [],
    );
    assert.deepEqual(sio, [
      'polling received CONNECT / #  null',
      'polling sent EVENT / #0 chat ["héllo 🎉 \u2028 😀😀",{"ü":"€"}]',
      'polling sent CONNECT /admin #  null',
      'polling received ACK / #0  ["✓"]',
      'polling received CONNECT /admin #  null',
      'polling received EVENT /admin # hi ["🌍"]',
      'websocket sent EVENT /admin #7 ask []',
      'websocket received ACK /admin #7  ["answer 🎉"]',
    ]);
    assert.ok(original.packets.every((p) => !p.error));
  });

  it('round-trips binary attachments over every transport and version, complete, interrupted and never arriving', () => {
    const v4ws = 'ws://127.0.0.1:4000/socket.io/?EIO=4&transport=websocket';
    const v3ws = 'ws://127.0.0.1:3000/socket.io/?EIO=3&transport=websocket';
    const { original } = assertRoundTrip(
      capture([
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
        {
          connection: 'p3a',
          url: `${polling3}&t=1`,
          direction: 'received',
          transport: 'polling',
          method: 'GET',
          status: 200,
          payload: text(v3(open('p3'))),
        },
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
      ]),
    );
    const binaries = original.packets
      .filter((p) => p.sio?.attachments !== undefined)
      .map((p) => [p.sio!.event ?? null, JSON.stringify(p.sio!.args), p.error ?? '']);
    assert.deepEqual(binaries, [
      ['up', '[{"a":{"$binary":"/wA="},"b":[{"$binary":"AQID"}]}]', ''],
      [null, '[{"$binary":"CQ=="}]', ''],
      [
        'two',
        '[{"$binary":"Bwc="},{"_placeholder":true,"num":1}]',
        'attachment count mismatch: expected 2, got 1 before the next text packet; illegal attachments: 1 placeholder(s) with a num outside [0, 1)',
      ],
      ['bin', '[{"$binary":"3q0="}]', ''],
      ['x', '[{"$binary":"AQI="}]', ''],
      ['y', '[{"$binary":"AQID"}]', ''],
      [
        'lost',
        '[{"_placeholder":true,"num":0}]',
        'attachment count mismatch: expected 1, got 0 before the capture ended; illegal attachments: 1 placeholder(s) with a num outside [0, 0)',
      ],
    ]);
  });

  it('round-trips a msgpack session made by the official encoder', () => {
    const encoder = new MsgpackEncoder();
    const ws = 'ws://127.0.0.1:4000/socket.io/?EIO=4&transport=websocket';
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
    const { original } = assertRoundTrip(capture(frames));
    const event = original.packets.find((p) => p.sio?.event === 'upload');
    assert.deepEqual(event?.sio?.args, [{ $binary: 'AQID' }, { deep: [{ $binary: 'w6k=' }] }]);
    assert.equal(original.packets.find((p) => p.sio?.type === 'ACK')?.sio?.id, '5');
  });

  it('round-trips plain WebSockets, malformed packets (still flagged), HTTP errors and the ok of a POST', () => {
    const v4ws = 'ws://127.0.0.1:4000/socket.io/?EIO=4&transport=websocket';
    const { original } = assertRoundTrip(
      capture([
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
        {
          connection: 'a',
          url: `${polling3}&t=a`,
          direction: 'received',
          transport: 'polling',
          method: 'GET',
          status: 200,
          payload: text(v3(open('m3'))),
        },
        {
          connection: 'b',
          url: `${polling3}&t=b&sid=m3`,
          direction: 'received',
          transport: 'polling',
          method: 'GET',
          status: 200,
          payload: text('2:403x:zz'),
        },
        {
          connection: 'c',
          url: `${polling3}&t=c&sid=m3`,
          direction: 'received',
          transport: 'polling',
          method: 'GET',
          status: 200,
          payload: text('9:42["a"]99:42'),
        },
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
      ]),
    );
    assert.deepEqual(
      original.sessions.find((s) => s.url.startsWith('wss:')),
      { id: 's1', url: 'wss://example.test/feed', eio: null, sid: null, transports: ['websocket'] },
    );
    const flagged = original.packets
      .filter((p) => p.error)
      .map((p) => `${JSON.stringify(p.raw)} ${p.error!.replace(/ \(.*$/, '')}`);
    assert.deepEqual(flagged, [
      '"42[\\"broken\\"," invalid payload: not JSON',
      '"9nope" unknown Engine.IO packet type "9"',
      '"42[\\"connect\\"]" invalid payload: reserved event name "connect"',
      '"3x:zz" bad length at offset 4: "3x:zz"',
      '"42[\\"a\\"]99" invalid payload: not JSON',
      '":42" bad length at offset 11: ":42"',
      '"" empty payload',
      '"{\\"code\\":1,\\"message\\":\\"Session ID unknown\\"}" HTTP error 1: Session ID unknown',
      '"<html>Bad gateway</html>" HTTP error: HTTP 502',
      '"" empty packet',
    ]);
    assert.ok(original.packets.some((p) => p.eio.type === 'http' && p.raw === 'ok' && !p.error));
  });
});

describe('import of packets longer than the raw preview (the export cuts raw at 64 KiB)', () => {
  it('rebuilds a long EVENT and ACK from their decoded fields, over WebSocket and v3 polling', () => {
    const long = 'é🎉x'.repeat(30_000);
    const ws = 'ws://127.0.0.1:4000/socket.io/?EIO=4&transport=websocket';
    const { original } = assertRoundTrip(
      capture([
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
        {
          connection: 'a',
          url: `${polling3}&t=a`,
          direction: 'received',
          transport: 'polling',
          method: 'GET',
          status: 200,
          payload: text(v3(open('long3'))),
        },
        {
          connection: 'b',
          url: `${polling3}&t=b&sid=long3`,
          direction: 'received',
          transport: 'polling',
          method: 'GET',
          status: 200,
          payload: text(v3(`42["dump",${JSON.stringify(long)}]`, '42["next"]')),
        },
      ]),
    );
    assert.equal(original.packets.filter((p) => typeof p.raw === 'string' && p.raw.length === 64 * 1024).length, 3);
    assert.equal((original.packets.find((p) => p.sio?.type === 'ACK')?.sio?.args as unknown[] | undefined)?.[0], long);
  });

  it('warns when a cut raw cannot be rebuilt (a long binary message, a long frame of a plain WebSocket)', () => {
    const ws = 'ws://127.0.0.1:4000/socket.io/?EIO=4&transport=websocket';
    const original = exportOf(
      capture([
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
      ]),
    );
    const result = importCapture(JSON.stringify(original), 'cut.sio.json');
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, [
      '2 packet(s) whose raw the export cut at 65536 units could not be rebuilt and may decode differently',
    ]);
  });
});

describe('import: bad input', () => {
  it('says what is wrong, never throws', () => {
    const cases: [string, RegExp][] = [
      ['not json {', /^a\.json is not JSON/],
      ['', /is not JSON/],
      ['[1,2]', /neither a \*\.sio\.json export .* nor a HAR file/],
      ['{"hello":"world"}', /neither/],
      ['null', /neither/],
      [
        '{"format":"sio-inspector","version":2,"sessions":[],"packets":[]}',
        /version 2, newer than this inspector reads \(version 1\)/,
      ],
      ['{"format":"sio-inspector","version":"1"}', /without a valid version/],
      ['{"format":"sio-inspector","version":1,"sessions":{}}', /without sessions and packets/],
    ];
    for (const [input, error] of cases) {
      const result = importCapture(input, 'a.json');
      assert.equal(result.ok, false, input);
      if (!result.ok) assert.match(result.error, error);
    }
  });

  it('skips malformed sessions and packets with a warning and keeps the rest', () => {
    const file = {
      format: 'sio-inspector',
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      sessions: [{ id: 's1', url: 'ws://h/x', eio: null, sid: null, transports: ['websocket'] }, { id: 7 }],
      packets: [
        { session: 's1', time: 1, direction: 'sent', transport: 'websocket', eio: { type: 'websocket' }, raw: 'hi' },
        { session: 's9', time: 2, direction: 'sent', transport: 'websocket', eio: { type: 'websocket' }, raw: 'x' },
        { session: 's1', time: 3, direction: 'up', transport: 'websocket', eio: { type: 'websocket' }, raw: 'x' },
        {
          session: 's1',
          time: 4,
          direction: 'sent',
          transport: 'websocket',
          eio: { type: 'websocket' },
          raw: { $binary: '!!' },
        },
        'junk',
      ],
    };
    const result = importCapture(JSON.stringify(file), 'f.sio.json');
    assert.ok(result.ok);
    assert.equal(result.rows.length, 1);
    assert.deepEqual(result.warnings.sort(), [
      '1 packet(s) skipped: no direction',
      '1 packet(s) skipped: not an object',
      '1 packet(s) skipped: raw is neither text nor {"$binary": base64}',
      '1 packet(s) skipped: unknown session',
      '1 session(s) skipped: malformed or duplicate id',
    ]);
  });

  it('reads a large export in linear time', () => {
    const ws = 'ws://127.0.0.1:4000/socket.io/?EIO=4&transport=websocket';
    const frames: Frame[] = [
      { connection: 'w', url: ws, direction: 'received', transport: 'websocket', payload: text(open('big', [])) },
    ];
    for (let i = 0; i < 50_000; i++)
      frames.push({
        connection: 'w',
        url: ws,
        direction: i % 2 ? 'received' : 'sent',
        transport: 'websocket',
        payload: text(`42${i}["tick",${i}]`),
      });
    const file = JSON.stringify(exportOf(capture(frames)));
    const started = performance.now();
    const result = importCapture(file, 'big.sio.json');
    const elapsed = performance.now() - started;
    assert.ok(result.ok);
    assert.equal(result.rows.length, 50_001);
    assert.ok(elapsed < 5000, `took ${elapsed} ms`);
  });
});
