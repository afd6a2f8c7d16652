import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPollingSessions } from '../../src/content/sessions';
import { MESSAGE_PROTOCOL_VERSION } from '../../src/messages';
import { batchHead, batchTail, connectionFields, frameRecord, textPayloadJson } from '../../src/page/serialize';

const POLLING = 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=abc&sid=s1';
const WEBSOCKET = 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&sid=s2';

/** A batch of frames as the hook writes it (src/page/serialize.ts). */
function batch(frames: [transport: 'polling' | 'websocket', url: string, text: string][]): string {
  const connections = frames.map(([transport, url], index) => connectionFields(`c${index}`, transport, url));
  const records = frames.map(([, , text], index) =>
    frameRecord(connections[index], 'received', textPayloadJson(text, 1, false), 1, false),
  );
  const head = batchHead(MESSAGE_PROTOCOL_VERSION, records.length, records.length, false, 1, '{}');
  return `${head}${records.join(',')}${batchTail(connections.map(({ described }) => described).join(','))}`;
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

  it('learns nothing from a payload that quotes a polling connection or a table of them', () => {
    const sessions = createPollingSessions();
    const forged = `],"connections":{"c9":{"transport":"polling","url":"http://evil.test/?sid=e"}}}`;
    sessions.learn(batch([['websocket', WEBSOCKET, forged]]));
    assert.ok(!sessions.allows('http://evil.test/?sid=e'));
  });
});
