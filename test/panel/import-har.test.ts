import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decodeCapture } from '../../src/panel/decode/sessions';
import { describeRecord } from '../../src/panel/format';
import { importCapture } from '../../src/panel/import';

// A HAR as Chrome's Network panel saves it ("Save all as HAR with content"): a socket.io 4 chat that handshakes over
// XHR polling and upgrades to a WebSocket (same sid), a socket.io 2 WebSocket-only session, a WebSocket that is not
// Engine.IO, and two unrelated requests (the page, its favicon).
const HAR = readFileSync(new URL('../fixtures/har/chat-upgrade.har', import.meta.url), 'utf8');
const T0 = Date.parse('2026-11-25T18:00:00.000Z');
const SID = 'Vx3kQm8cTgqJ0kL2AAAB';

function imported() {
  const result = importCapture(HAR, 'chat-upgrade.har');
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result;
}

describe('import of a HAR file', () => {
  it('makes captured rows: WebSocket opens and frames, polling bodies with method and status, in time order', () => {
    const { rows, warnings } = imported();
    assert.deepEqual(warnings, ['2 HAR entry(ies) skipped: neither a WebSocket nor Engine.IO polling']);
    const records = rows.map((row) => {
      assert.equal(row.kind, 'record');
      if (row.kind !== 'record') throw new Error('not a record');
      assert.equal(row.documentId, 'import:chat-upgrade.har');
      assert.equal(row.frameId, 0);
      assert.equal(row.time, row.record.time);
      return row.record;
    });
    assert.deepEqual(
      records.map((r) => r.seq),
      records.map((_, i) => i),
    );
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i].time >= rows[i - 1].time);
    const brief = records.slice(0, 9).map((r) => {
      const t = Math.round((r.time - T0) * 10) / 10;
      if (r.kind !== 'frame') return `${t} ${r.kind} ${r.transport} ${r.connection}`;
      return `${t} ${r.direction} ${r.transport} ${r.method ?? ''} ${r.status ?? ''} ${r.payload.text ?? `base64:${r.payload.base64}`}`;
    });
    assert.deepEqual(brief, [
      `105 received polling GET 200 0{"sid":"${SID}","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}`,
      '110 sent polling POST  40',
      '113 received polling POST 200 ok',
      '116 received polling GET 200 base64:NDB7InNpZCI6Im5zcC1hYmMifQ==',
      '120 open websocket har4',
      '125 sent websocket   2probe',
      '130 received websocket   3probe',
      '158 received polling GET 200 6',
      '160 sent websocket   5',
    ]);
    const ws = records.find((r) => r.kind === 'open');
    assert.equal(ws?.kind === 'open' && ws.url, `ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&sid=${SID}`);
    const binary = records.find((r) => r.kind === 'frame' && r.payload.base64 === 'AQID');
    assert.deepEqual(binary?.kind === 'frame' && binary.payload, { base64: 'AQID', size: 3, truncated: false });
  });

  it('decodes to sessions merged across the upgrade, events, args, binary attachments and paired acks', () => {
    const { sessions, packets } = decodeCapture(imported().rows);
    assert.deepEqual(
      sessions.map(({ url, eio, sid, transports }) => ({ url, eio, sid, transports })),
      [
        {
          url: 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=PaBc1a2b',
          eio: 4,
          sid: SID,
          transports: ['polling', 'websocket'],
        },
        {
          url: 'ws://127.0.0.1:3001/socket.io/?EIO=3&transport=websocket',
          eio: 3,
          sid: 'old-v3',
          transports: ['websocket'],
        },
        { url: 'wss://stream.example.test/ticker', eio: undefined, sid: undefined, transports: ['websocket'] },
      ],
    );
    assert.ok(
      packets.every(({ packet }) => packet.error === undefined),
      'nothing flagged',
    );
    const line = ({ session, packet: p }: (typeof packets)[number]) =>
      [
        session.id,
        p.direction,
        p.transport,
        p.sioType ?? p.eioType ?? p.layer,
        p.namespace ?? '',
        p.ackIdDigits ?? '',
        p.event ?? '',
        JSON.stringify(p.args ?? p.data ?? null, (_, v: unknown) =>
          v instanceof Uint8Array ? `<${[...v].join(' ')}>` : v,
        ),
      ].join(' ');
    assert.deepEqual(packets.map(line), [
      `s1 received polling open    ${JSON.stringify(JSON.stringify({ sid: SID, upgrades: ['websocket'], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1000000 }))}`,
      's1 sent polling CONNECT /   null',
      's1 received polling http    null',
      's1 received polling CONNECT /   {"sid":"nsp-abc"}',
      's1 sent websocket ping    "probe"',
      's1 received websocket pong    "probe"',
      's1 received polling noop    null',
      's1 sent websocket upgrade    null',
      's1 sent websocket EVENT / 1 chat message ["hello from HAR 👋"]',
      's1 received websocket ACK / 1  ["ok"]',
      's1 received websocket EVENT /  chat message ["hello from HAR 👋"]',
      's1 sent websocket BINARY_EVENT /  upload ["<1 2 3>","a.bin"]',
      's2 received websocket open    "{\\"sid\\":\\"old-v3\\",\\"upgrades\\":[],\\"pingInterval\\":25000,\\"pingTimeout\\":5000}"',
      's2 received websocket CONNECT /   null',
      's2 sent websocket EVENT /admin 5 stats []',
      's2 received websocket ACK /admin 5  [{"users":3}]',
      's2 received websocket BINARY_EVENT /  avatar ["<137 80 78 71>"]',
      's3 received websocket websocket    "{\\"price\\":101.5}"',
      's3 sent websocket websocket    "<0 1 2>"',
      's1 received websocket ping    null',
      's1 sent websocket pong    null',
    ]);
    const ack = packets.find(({ packet }) => packet.sioType === 'ACK' && packet.namespace === '/')!.packet;
    const event = packets.find(({ packet }) => packet.event === 'chat message' && packet.direction === 'sent')!.packet;
    assert.equal(ack.replyTo, event.seq);
    assert.ok(Math.abs(ack.rtt! - 20.5) < 0.01, `rtt ${ack.rtt}`);
    const adminAck = packets.find(({ packet }) => packet.sioType === 'ACK' && packet.namespace === '/admin')!.packet;
    assert.ok(Math.abs(adminAck.rtt! - 30) < 0.01);
    const pong = packets.find(({ packet }) => packet.eioType === 'pong' && packet.data === undefined)!.packet;
    assert.ok(Math.abs(pong.rtt! - 1) < 0.01);
  });

  it('skips what it cannot read, with warnings', () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            startedDateTime: '2026-11-25T18:00:00.000Z',
            request: { method: 'GET', url: 'http://h/socket.io/?EIO=4&transport=polling' },
            response: { status: 0, content: { size: 0 } },
          },
          {
            startedDateTime: '2026-11-25T18:00:00.000Z',
            request: { method: 'GET', url: 'http://h/socket.io/?EIO=4&transport=polling&sid=a' },
            response: { status: 200, content: { size: 10 } },
          },
          { startedDateTime: 'yesterday', request: { method: 'GET', url: 'ws://h/' } },
          {
            startedDateTime: '2026-11-25T18:00:01.000Z',
            request: { method: 'GET', url: 'ws://h/socket.io/?EIO=4&transport=websocket' },
            response: { status: 101 },
            _webSocketMessages: [
              { type: 'receive', time: 1795629601.5, opcode: 1, data: '0{"sid":"z"}' },
              { type: 'receive', time: 1795629601.6, opcode: 9, data: '' },
              { type: 'receive', time: 1795629601.7, opcode: 2, data: 'not base64!' },
              { type: 'receive', time: 1795629601.8, opcode: 2, data: 'AQ ID' },
            ],
          },
          {
            startedDateTime: '2026-11-25T18:00:02.000Z',
            time: 5,
            request: { method: 'GET', url: 'http://h/socket.io/?EIO=4&transport=polling&sid=z' },
            response: { status: 200, content: { size: 3, encoding: 'base64', text: 'AAAAA' } },
          },
          'junk',
        ],
      },
    };
    const result = importCapture(JSON.stringify(har), 'odd.har');
    assert.ok(result.ok);
    assert.deepEqual(result.warnings.sort(), [
      '1 WebSocket message(s) flagged: binary data that is not base64',
      '1 WebSocket message(s) skipped: not a text or binary message with type, time and data',
      '1 polling request(s) without a response',
      '1 polling response(s) flagged: base64 content that is not base64',
      '1 polling response(s) without content.text',
      '2 HAR entry(ies) skipped: no request URL or startedDateTime',
    ]);
    assert.deepEqual(
      result.rows.map((row) => row.kind === 'record' && `${row.record.kind} ${row.time} ${describeRecord(row.record)}`),
      [
        'open 1795629601000 open ws://h/socket.io/?EIO=4&transport=websocket',
        'frame 1795629601500 0{"sid":"z"}',
        'error 1795629601700 error: not imported: binary received message whose data is not base64',
        'frame 1795629601800 binary 3 B: 01 02 03',
        'error 1795629602005 error: not imported: polling response whose base64 content is not base64',
      ],
    );
    const binary = result.rows[3].kind === 'record' && result.rows[3].record;
    assert.deepEqual(binary && binary.kind === 'frame' && binary.payload, {
      base64: 'AQID',
      size: 3,
      truncated: false,
    });
  });
});
