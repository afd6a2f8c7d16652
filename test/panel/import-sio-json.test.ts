// The *.sio.json export read back: export → import → export gives the same document, for recordings of real
// servers and for hand-made captures of every case; the structured fields (errorKind, httpStatus, attachments
// received, injected) travel through the file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importCapture } from '../../src/panel/import';
import { assertRoundTrip, capture, text } from './support/capture';
import {
  binaryAttachments,
  golden,
  longPackets,
  malformedAndHttp,
  msgpackSession,
  open,
  polling3,
  RECORDINGS,
  unicodeUpgrade,
  ws4,
} from './support/sample-captures';

describe('import of a *.sio.json export', () => {
  for (const name of RECORDINGS) {
    it(`round-trips the recording of a real server and client: ${name}`, () => {
      const { original } = assertRoundTrip(capture(golden(name)));
      assert.ok(original.packets.length > 5);
      assert.ok(original.packets.some((p) => p.sio?.type === 'EVENT'));
    });
  }

  it('round-trips all recordings in one capture (sessions keep their ids, halves stay merged by sid)', () => {
    const { original } = assertRoundTrip(capture(RECORDINGS.flatMap((name) => golden(name))));
    const upgraded = original.sessions.filter((s) => s.transports.join() === 'polling,websocket');
    assert.ok(upgraded.length >= 4);
    assert.ok(original.sessions.some((s) => s.eio === 3) && original.sessions.some((s) => s.eio === 4));
  });

  it('round-trips v3 polling bodies of several packets with unicode and emoji, acks, namespaces and an upgrade', () => {
    const { original } = assertRoundTrip(capture(unicodeUpgrade()));
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
    const { original } = assertRoundTrip(capture(binaryAttachments()));
    const binaries = original.packets
      .filter((p) => p.sio?.attachments !== undefined)
      .map((p) => [p.sio!.event ?? null, JSON.stringify(p.sio!.args), p.sio!.attachmentsReceived, p.error ?? '']);
    assert.deepEqual(binaries, [
      ['up', '[{"a":{"$binary":"/wA="},"b":[{"$binary":"AQID"}]}]', 2, ''],
      [null, '[{"$binary":"CQ=="}]', 1, ''],
      [
        'two',
        '[{"$binary":"Bwc="},{"_placeholder":true,"num":1}]',
        1,
        'attachment count mismatch: expected 2, got 1 before the next text packet; illegal attachments: 1 placeholder(s) with a num outside [0, 1)',
      ],
      ['bin', '[{"$binary":"3q0="}]', 1, ''],
      ['x', '[{"$binary":"AQI="}]', 1, ''],
      ['y', '[{"$binary":"AQID"}]', 1, ''],
      [
        'lost',
        '[{"_placeholder":true,"num":0}]',
        0,
        'attachment count mismatch: expected 1, got 0 before the capture ended; illegal attachments: 1 placeholder(s) with a num outside [0, 0)',
      ],
    ]);
  });

  it('round-trips a msgpack session made by the official encoder', () => {
    const { original } = assertRoundTrip(capture(msgpackSession()));
    const event = original.packets.find((p) => p.sio?.event === 'upload');
    assert.deepEqual(event?.sio?.args, [{ $binary: 'AQID' }, { deep: [{ $binary: 'w6k=' }] }]);
    assert.equal(original.packets.find((p) => p.sio?.type === 'ACK')?.sio?.id, '5');
  });

  it('round-trips plain WebSockets, malformed packets (still flagged), HTTP errors and the ok of a POST', () => {
    const { original } = assertRoundTrip(capture(malformedAndHttp()));
    assert.deepEqual(
      original.sessions.find((s) => s.url.startsWith('wss:')),
      { id: 's1', url: 'wss://example.test/feed', eio: null, sid: null, transports: ['websocket'] },
    );
    const flagged = original.packets
      .filter((p) => p.error)
      .map((p) => `${JSON.stringify(p.raw)} ${p.errorKind} ${p.httpStatus ?? '-'} ${p.error!.replace(/ \(.*$/, '')}`);
    assert.deepEqual(flagged, [
      '"42[\\"broken\\"," bad-packet - invalid payload: not JSON',
      '"9nope" unknown-type - unknown Engine.IO packet type "9"',
      '"42[\\"connect\\"]" bad-packet - invalid payload: reserved event name "connect"',
      '"3x:zz" bad-payload - bad length: "3x:zz"',
      '"42[\\"a\\"]99" bad-packet - invalid payload: not JSON',
      '":42" bad-payload - bad length: ":42"',
      '"" bad-payload - empty payload',
      '"{\\"code\\":1,\\"message\\":\\"Session ID unknown\\"}" http-error 400 HTTP error 1: Session ID unknown',
      '"<html>Bad gateway</html>" http-error 502 HTTP error: HTTP 502',
      '"" bad-packet - empty packet',
    ]);
    assert.deepEqual(
      original.packets.filter((p) => p.eio.type === 'http' && !p.error).map((p) => [p.raw, p.httpStatus]),
      [['ok', 200]],
    );
  });

  it("keeps packets longer than the panel's raw preview whole in the file, and reads them back", () => {
    const { original } = assertRoundTrip(capture(longPackets()));
    const long = original.packets.filter((p) => typeof p.raw === 'string' && p.raw.length > 64 * 1024);
    assert.equal(long.length, 3);
    assert.ok(original.packets.every((p) => !('rawTruncated' in p)));
  });

  it('keeps injected frames injected, over a WebSocket and in polling bodies', () => {
    const polling4 = 'http://127.0.0.1:4000/socket.io/?EIO=4&transport=polling';
    const { original, rows } = assertRoundTrip(
      capture([
        { connection: 'w', url: ws4, direction: 'received', transport: 'websocket', payload: text(open('inj', [])) },
        { connection: 'w', url: ws4, direction: 'sent', transport: 'websocket', payload: text('42["mine"]') },
        {
          connection: 'w',
          url: ws4,
          direction: 'sent',
          transport: 'websocket',
          payload: text('421000000000["from the panel"]'),
          injected: true,
        },
        {
          connection: 'w',
          url: ws4,
          direction: 'received',
          transport: 'websocket',
          payload: text('42["delivered"]'),
          injected: true,
        },
        {
          connection: 'p',
          url: `${polling4}&sid=inj2`,
          direction: 'sent',
          transport: 'polling',
          method: 'POST',
          payload: text('42["a"]\x1e42["b"]'),
          injected: true,
        },
        {
          connection: 'p3',
          url: `${polling3}&sid=inj3`,
          direction: 'sent',
          transport: 'polling',
          method: 'POST',
          payload: text('7:42["c"]'),
        },
      ]),
    );
    assert.deepEqual(
      original.packets.map((p) => [p.sio?.event, p.injected ?? false]),
      [
        [undefined, false],
        ['mine', false],
        ['from the panel', true],
        ['delivered', true],
        ['a', true],
        ['b', true],
        ['c', false],
      ],
    );
    assert.deepEqual(
      rows.map((row) => row.kind === 'record' && row.record.kind === 'frame' && row.record.injected === true),
      [false, false, true, true, true, false],
    );
  });

  it('keeps intercept marks, the original of an edited packet included, and refuses a bad mark', () => {
    const original = text('42["note","original",1]');
    const { original: exported } = assertRoundTrip(
      capture([
        { connection: 'w', url: ws4, direction: 'received', transport: 'websocket', payload: text(open('mk', [])) },
        {
          connection: 'w',
          url: ws4,
          direction: 'sent',
          transport: 'websocket',
          payload: text('42["note","edited"]'),
          intercept: { mark: 'edited', heldMs: 3012, original },
        },
        {
          connection: 'w',
          url: ws4,
          direction: 'sent',
          transport: 'websocket',
          payload: text('42["note","gone"]'),
          intercept: { mark: 'dropped', heldMs: 5 },
        },
      ]),
    );
    assert.deepEqual(
      exported.packets.map((p) => (p as { intercept?: unknown }).intercept),
      [undefined, { mark: 'edited', heldMs: 3012, original }, { mark: 'dropped', heldMs: 5 }],
    );
    const file = JSON.parse(JSON.stringify(exported)) as { packets: { intercept?: unknown }[] };
    file.packets[2].intercept = { mark: 'lost', heldMs: 5 };
    const imported = importCapture(JSON.stringify(file), 'capture.sio.json');
    assert.ok(imported.ok && imported.warnings.some((warning) => /intercept is not a mark/.test(warning)));
  });
});
