// A binary packet finished by a later frame than its header's (its attachment comes after a packet of the other
// direction, on a WebSocket or in a later polling body): the decoder says when it completed, and export → import →
// export keeps the packets in the same order.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRoundTrip, binary, capture, exportOf, text, type CaptureFrame } from './support/capture';

const WS = 'ws://127.0.0.1:4000/socket.io/?EIO=4&transport=websocket';
const POLL = 'http://127.0.0.1:4000/socket.io/?EIO=3&transport=polling&sid=s';
const HEADER = '451-["file",{"_placeholder":true,"num":0}]';

const ws = (direction: CaptureFrame['direction'], payload: CaptureFrame['payload']): CaptureFrame => ({
  connection: 'ws1',
  url: WS,
  direction,
  transport: 'websocket',
  payload,
});
const poll = (connection: string, direction: CaptureFrame['direction'], body: string): CaptureFrame => ({
  connection,
  url: POLL,
  direction,
  transport: 'polling',
  payload: text(body),
  ...(direction === 'received' ? { status: 200, method: 'GET' } : { method: 'POST' }),
});

it('keeps a WebSocket binary event whose attachment came after a sent packet where it completed', () => {
  const rows = capture([
    ws('received', text('0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000}')),
    ws('received', text(HEADER)),
    ws('sent', text('42["typing"]')),
    ws('received', binary(Uint8Array.of(1, 2, 3))),
  ]);
  const { original } = assertRoundTrip(rows);
  const events = original.packets.filter((packet) => packet.sio?.type !== undefined);
  assert.deepEqual(
    events.map((packet) => [packet.sio?.type, packet.time, packet.completedAt]),
    [
      ['EVENT', rows[2].time, undefined],
      ['BINARY_EVENT', rows[1].time, rows[3].time],
    ],
  );
});

it('keeps a polling binary event whose attachment came in the next body where it completed', () => {
  const rows = capture([
    poll('p1', 'received', `${HEADER.length}:${HEADER}`),
    poll('p2', 'sent', '12:42["typing"]'),
    poll('p3', 'received', '6:b4AQID'),
  ]);
  const { original } = assertRoundTrip(rows);
  assert.deepEqual(
    original.packets.map((packet) => [packet.sio?.type, packet.completedAt]),
    [
      ['EVENT', undefined],
      ['BINARY_EVENT', rows[2].time],
    ],
  );
  assert.deepEqual(exportOf(rows).packets[1].sio?.args, [{ $binary: 'AQID' }]);
});
