import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSessionDecoder, type Packet } from '../../src/protocol';
import { rawParts } from '../../src/panel/raw-parts';
import { OPEN, WS_URL } from './records';

/** The packets a WebSocket session decodes from `frames` (received, in order). */
function decode(frames: (string | Uint8Array)[], url = WS_URL): Packet[] {
  const decoder = createSessionDecoder({ url });
  return frames.flatMap((data, time) => decoder.push({ direction: 'received', transport: 'websocket', data, time }));
}

/** The parts as `kind:text`. */
const parts = (packet: Packet) => rawParts(packet, packet.raw as string).map((part) => `${part.kind}:${part.text}`);

describe('the Raw tab', () => {
  it('cuts the wire text into its Engine.IO and Socket.IO parts', () => {
    const [, event, binary, ack, connect] = decode([
      OPEN,
      '42/admin,17["chat message",{"text":"hi"}]',
      '452-/admin,3["file",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]',
      new Uint8Array([1]),
      new Uint8Array([2]),
      '43/admin,17[]',
      '40{"sid":"abc"}',
    ]);
    assert.deepEqual(parts(event), [
      'eio-type:4',
      'sio-type:2',
      'namespace:/admin,',
      'ack-id:17',
      'json:["chat message",{"text":"hi"}]',
    ]);
    assert.deepEqual(parts(binary), [
      'eio-type:4',
      'sio-type:5',
      'attachments:2-',
      'namespace:/admin,',
      'ack-id:3',
      'json:["file",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]',
    ]);
    assert.deepEqual(parts(ack), ['eio-type:4', 'sio-type:3', 'namespace:/admin,', 'ack-id:17', 'json:[]']);
    assert.deepEqual(parts(connect), ['eio-type:4', 'sio-type:0', 'json:{"sid":"abc"}']);
    assert.deepEqual(
      rawParts(event, event.raw as string).map((part) => part.label),
      ['Engine.IO type: message', 'Socket.IO type: EVENT', 'Namespace: /admin', 'Ack id: 17', 'JSON payload'],
    );
  });

  it('names Engine.IO packets, base64 binary and text that is no Engine.IO packet', () => {
    const [open, ping] = decode([OPEN, '2']);
    assert.deepEqual(parts(open), [`eio-type:0`, `json:${OPEN.slice(1)}`]);
    assert.deepEqual(parts(ping), ['eio-type:2']);
    const [, base64] = decode([OPEN, 'b4AQID'], WS_URL.replace('EIO=4', 'EIO=3'));
    assert.deepEqual(parts(base64), ['eio-type:b4', 'data:AQID']);
    assert.match(rawParts(base64, 'b4AQID')[0].label, /as base64/);
    const [plain] = decode(['hello'], 'ws://127.0.0.1/chat');
    assert.deepEqual(parts(plain), ['data:hello']);
  });
});
