import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RelayedRecord } from '../../src/messages';
import { composeCommand, INJECTED_ACK_ID_BASE } from '../../src/panel/compose';
import { parseArgs } from '../../src/protocol';
import { decodeCapture } from '../../src/panel/decode/sessions';
import { MAX_HISTORY, remember, type HistoryEntry } from '../../src/panel/history';
import type { CapturedRow } from '../../src/panel/store/capture';

function rows(list: [string, string, 'sent' | 'received', string, ('websocket' | 'polling')?][]): CapturedRow[] {
  return list.map(([connection, url, direction, text, transport = 'websocket'], seq) => {
    const record: RelayedRecord = {
      kind: 'frame',
      seq,
      time: seq,
      connection,
      transport,
      url,
      direction,
      payload: { text, size: text.length, truncated: false },
    };
    return { kind: 'record', key: `d:${seq}`, time: seq, frameId: 2, documentId: 'd', record };
  });
}

const ws = 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&sid=abc';
const poll = 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=x&sid=abc';
const open = '0{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

function session(list: Parameters<typeof rows>[0]) {
  return decodeCapture(rows(list)).sessions[0];
}

const base = { namespace: '/', event: 'echo', argsText: '["hi"]', action: 'emit' as const };

describe('composer', () => {
  it('encodes an emit with an ack and a binary argument as the frames to send on the WebSocket', () => {
    const target = session([
      ['ws1', ws, 'received', open],
      ['ws1', ws, 'sent', '40'],
      ['ws1', ws, 'received', '40{"sid":"s"}'],
    ]);
    const result = composeCommand({
      ...base,
      session: target,
      argsText: '["héllo", {"$binary": "AQID"}]',
      ackId: INJECTED_ACK_ID_BASE,
    });
    assert.deepEqual(result, {
      ok: true,
      frameId: 2,
      documentId: 'd',
      command: {
        action: 'send',
        connection: 'ws1',
        frames: [{ text: '451-1000000000["echo","héllo",{"_placeholder":true,"num":0}]' }, { base64: 'AQID' }],
      },
    });
  });

  it('posts to the session with its sid when it polls, and cannot deliver there', () => {
    const target = session([
      ['xhr1', poll, 'received', open, 'polling'],
      ['xhr2', poll, 'sent', '40', 'polling'],
      ['xhr3', poll, 'received', '40{"sid":"s"}', 'polling'],
    ]);
    const result = composeCommand({ ...base, session: target });
    assert.equal(result.ok && result.command.action, 'post');
    if (result.ok && result.command.action === 'post') {
      assert.deepEqual(result.command.body, { text: '42["echo","hi"]' });
      assert.equal(new URL(result.command.url).searchParams.get('sid'), 'abc');
    }
    assert.deepEqual(composeCommand({ ...base, session: target, action: 'deliver' }), {
      ok: false,
      field: 'action',
      error: 'Deliver to page needs an open WebSocket: a polling response cannot be made up for the page',
    });
  });

  it('says which field is wrong, and sends nothing', () => {
    const target = session([
      ['ws1', ws, 'received', open],
      ['ws1', ws, 'received', '40{"sid":"s"}'],
    ]);
    const field = (request: Partial<Parameters<typeof composeCommand>[0]>) => {
      const result = composeCommand({ ...base, session: target, ...request });
      return result.ok ? 'ok' : result.field;
    };
    assert.equal(field({ session: undefined }), 'session');
    assert.equal(field({ argsText: '{"not": "an array"}' }), 'args');
    assert.equal(field({ argsText: '["cut' }), 'args');
    assert.equal(field({ namespace: '/admin' }), 'namespace');
    assert.equal(field({ event: ' ' }), 'event');
    assert.equal(field({}), 'ok');
  });

  it('reads binary arguments written as $binary, nested', () => {
    const parsed = parseArgs('[{"a": [{"$binary": "AAE="}]}, "x"]');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.ok && parsed.args, [{ a: [new Uint8Array([0, 1])] }, 'x']);
  });

  it('keeps a history newest first, without repeats, bounded', () => {
    const entry = (event: string): HistoryEntry => ({
      action: 'emit',
      namespace: '/',
      event,
      argsText: '[]',
      ack: false,
    });
    let history = remember([], entry('a'));
    history = remember(history, entry('b'));
    history = remember(history, entry('a'));
    assert.deepEqual(
      history.map((item) => item.event),
      ['a', 'b'],
    );
    for (let index = 0; index < 100; index++) history = remember(history, entry(`e${index}`));
    assert.equal(history.length, MAX_HISTORY);
    assert.equal(history[0].event, 'e99');
  });
});
