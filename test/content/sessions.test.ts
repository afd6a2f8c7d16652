import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPollingSessions } from '../../src/content/sessions';
import { MESSAGE_PROTOCOL_VERSION } from '../../src/messages';
import { batchHead, connectionFields, frameRecord, textPayloadJson } from '../../src/page/serialize';

const POLLING = 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=abc&sid=s1';
const WEBSOCKET = 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&sid=s2';

/** A batch of frames as the hook writes it (src/page/serialize.ts). */
function batch(frames: [transport: 'polling' | 'websocket', url: string, text: string][]): string {
  const records = frames.map(([transport, url, text]) =>
    frameRecord(connectionFields('c1', transport, url).located, 'received', textPayloadJson(text, 1, false), 1, false),
  );
  return `${batchHead(MESSAGE_PROTOCOL_VERSION, records.length, records.length, false, 1, '{}')}${records.join(',')}]}`;
}

describe('relay polling sessions', () => {
  it('learns the sessions of polling frames from the batch text, not of WebSocket frames', () => {
    const sessions = createPollingSessions();
    sessions.learn(
      batch([
        ['websocket', WEBSOCKET, '42["x"]'],
        ['polling', POLLING, '40'],
      ]),
    );
    assert.ok(sessions.allows('http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=zzz&sid=s1'));
    assert.ok(!sessions.allows('http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&sid=s2'));
    assert.ok(!sessions.allows('http://127.0.0.1:3001/socket.io/?EIO=4&transport=polling&sid=s1'));
  });

  it('learns nothing from a payload that quotes a polling record', () => {
    const sessions = createPollingSessions();
    const forged = `{"kind":"frame","connection":"c9","transport":"polling","url":"http://evil.test/?sid=e"}`;
    sessions.learn(batch([['websocket', WEBSOCKET, forged]]));
    assert.ok(!sessions.allows('http://evil.test/?sid=e'));
  });
});
