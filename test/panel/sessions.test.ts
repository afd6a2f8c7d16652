import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FramePayload, RelayedRecord } from '../../src/messages';
import { decodeCapture } from '../../src/panel/decode/sessions';
import { buildExport } from '../../src/panel/export/sio-json';
import type { CapturedRow } from '../../src/panel/store/capture';

const base = 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=';
let seq = 0;

function row(
  connection: string,
  url: string,
  direction: 'sent' | 'received',
  payload: FramePayload,
  transport: 'polling' | 'websocket' = 'polling',
): CapturedRow {
  const record: RelayedRecord = {
    kind: 'frame',
    seq: seq++,
    time: seq,
    connection,
    transport,
    url,
    direction,
    payload,
  };
  return { kind: 'record', key: `doc:${record.seq}`, time: record.time, frameId: 0, documentId: 'doc', record };
}
const text = (value: string): FramePayload => ({ text: value, size: value.length, truncated: false });

describe('sessions of a capture', () => {
  it('merges the handshake, the polling requests and the upgraded WebSocket of one sid into one session', () => {
    const rows = [
      row(
        'xhr1',
        `${base}polling&t=a`,
        'received',
        text('0{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'),
      ),
      row('xhr2', `${base}polling&t=b&sid=abc`, 'sent', text('40')),
      row('xhr3', `${base}polling&t=c&sid=abc`, 'received', text('40{"sid":"s1"}')),
      row(
        'ws1',
        'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&sid=abc',
        'sent',
        text('2probe'),
        'websocket',
      ),
      row(
        'ws1',
        'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&sid=abc',
        'sent',
        text('42["chat message","hi"]'),
        'websocket',
      ),
      row('ws2', 'ws://127.0.0.1:4000/other', 'received', text('hello'), 'websocket'),
    ];
    const { sessions, packets } = decodeCapture(rows);
    assert.equal(sessions.length, 2);
    assert.deepEqual(
      sessions.map(({ sid, transports, engineIo, eio }) => ({ sid, transports, engineIo, eio })),
      [
        { sid: 'abc', transports: ['polling', 'websocket'], engineIo: true, eio: 4 },
        { sid: undefined, transports: ['websocket'], engineIo: false, eio: undefined },
      ],
    );
    assert.equal(sessions[0].upgradedAt, rows[3].time, 'upgraded when its first WebSocket frame came');
    const event = packets.find(({ packet }) => packet.event === 'chat message');
    assert.equal(event?.session, sessions[0]);
    assert.deepEqual(event?.packet.args, ['hi']);
  });

  it('exports packets in the sio.json format, binary as $binary', () => {
    const ws = 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket';
    const rows = [
      row(
        'ws1',
        ws,
        'received',
        text('0{"sid":"xyz","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'),
        'websocket',
      ),
      row('ws1', ws, 'received', text('451-["file",{"_placeholder":true,"num":0}]'), 'websocket'),
      row('ws1', ws, 'received', { base64: 'AQID', size: 3, truncated: false }, 'websocket'),
    ];
    const { sessions, packets } = decodeCapture(rows);
    const exported = buildExport(sessions, packets, new Date(0));
    assert.equal(exported.format, 'sio-inspector');
    assert.equal(exported.version, 2);
    assert.deepEqual(exported.sessions, [{ id: 's1', url: ws, eio: 4, sid: 'xyz', transports: ['websocket'] }]);
    assert.deepEqual(
      exported.packets.map((packet) => packet.eio.type),
      ['open', 'message'],
    );
    assert.deepEqual(exported.packets[1].sio, {
      type: 'BINARY_EVENT',
      nsp: '/',
      event: 'file',
      args: [{ $binary: 'AQID' }],
      attachments: 1,
      attachmentsReceived: 1,
    });
  });
});
