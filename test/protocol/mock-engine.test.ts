import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { readMockConfigs, readRecording, mockKey } from '../../src/protocol/mock-config';
import { playConnection, type Recording } from '../../src/protocol/mock-engine';

/** Lets the engine's promises settle (setImmediate is not among the mocked timers). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A 4.x session: CONNECT, a welcome with binary, and two 'echo' emits with acks (the second's ACK is binary). */
const V4: Recording = {
  eio: 4,
  path: '/socket.io/',
  pingInterval: 300,
  pingTimeout: 200,
  maxPayload: 1000,
  server: [
    { afterPage: 1, gap: 0, messages: [{ text: '0{"sid":"nsp"}' }] },
    { afterPage: 1, gap: 50, messages: [{ text: '51-["welcome",{"_placeholder":true,"num":0}]' }, { base64: 'AQI=' }] },
    { afterPage: 2, gap: 0, ack: { event: 'echo', order: 0, head: '3', data: '["ok: a"]', attachments: [] } },
    {
      afterPage: 3,
      gap: 0,
      ack: { event: 'echo', order: 1, head: '61-', data: '[{"_placeholder":true,"num":0}]', attachments: ['Aw=='] },
    },
  ],
  page: [
    { type: 'connect', namespace: '/' },
    { type: 'event', namespace: '/', event: 'echo' },
    { type: 'event', namespace: '/', event: 'echo' },
  ],
};

const timersMocked = new WeakSet<TestContext>();

function played(t: TestContext, recording: Recording, polling = false) {
  if (!timersMocked.has(t)) t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  timersMocked.add(t);
  const sent: string[] = [];
  const events = { page: [] as string[], unanswered: [] as string[], finished: 0 };
  const engine = playConnection(recording, polling ? undefined : (packets) => sent.push(...packets), 1, {
    pageEvent: (event) => events.page.push(event),
    unanswered: (event) => events.unanswered.push(event),
    finished: () => events.finished++,
  });
  t.after(() => engine.stop());
  return { engine, sent, events };
}

describe('mock engine', () => {
  it('opens with a fresh sid and the recorded heartbeat, then plays each packet once the page sent what preceded it', async (t) => {
    const { engine, sent } = played(t, V4);
    const open = JSON.parse(sent[0].slice(1)) as Record<string, unknown>;
    assert.match(String(open.sid), /^playback\w+$/);
    assert.deepEqual(
      { ...open, sid: 'x' },
      {
        sid: 'x',
        upgrades: [],
        pingInterval: 300,
        pingTimeout: 200,
        maxPayload: 1000,
      },
    );
    await settle();
    assert.equal(sent.length, 1, 'nothing before the page connects');
    engine.receive('40');
    await settle();
    assert.deepEqual(sent.slice(1), ['40{"sid":"nsp"}']);
    t.mock.timers.tick(49);
    await settle();
    assert.equal(sent.length, 2, 'the recorded gap holds the next packet');
    t.mock.timers.tick(1);
    await settle();
    assert.deepEqual(sent.slice(2), ['451-["welcome",{"_placeholder":true,"num":0}]', 'bAQI=']);
  });

  it("answers the page's emits with the recorded ACK of the same event and order, with the page's ack ids", async (t) => {
    const { engine, sent, events } = played(t, V4);
    engine.receive('40');
    await settle();
    t.mock.timers.tick(50);
    await settle();
    engine.receive('4217["echo","a"]');
    await settle();
    engine.receive('4218["echo","b"]');
    await settle();
    assert.deepEqual(sent.slice(4), ['4317["ok: a"]', '461-18[{"_placeholder":true,"num":0}]', 'bAw==']);
    assert.deepEqual(events.page, ['echo', 'echo']);
    assert.equal(events.finished, 1);
    engine.receive('4219["echo","c"]');
    engine.receive('4220["other"]');
    assert.deepEqual(events.unanswered, ['echo', 'other'], 'emits with an ack the recording cannot answer');
  });

  it('pings at the recorded interval on Engine.IO 4 and answers pings on Engine.IO 3', (t) => {
    const v4 = played(t, V4);
    t.mock.timers.tick(300);
    assert.equal(v4.sent.at(-1), '2');
    v4.engine.stop();
    const v3sent: string[] = [];
    const v3 = playConnection({ ...V4, eio: 3 }, (packets) => v3sent.push(...packets), 1, {
      pageEvent: () => undefined,
      unanswered: () => undefined,
      finished: () => undefined,
    });
    t.after(() => v3.stop());
    t.mock.timers.tick(600);
    assert.ok(!v3sent.includes('2'), 'an Engine.IO 3 server never pings');
    v3.receive('2');
    v3.receive('2probe');
    assert.deepEqual(v3sent.slice(-2), ['3', '3probe']);
  });

  it('frames polling payloads: \\x1e-separated on Engine.IO 4, length-prefixed on Engine.IO 3, binary as base64', async (t) => {
    const v4 = played(t, V4, true);
    assert.match(await v4.engine.nextPayload(), /^0\{"sid":"playback/);
    v4.engine.receivePayload('40');
    await settle();
    t.mock.timers.tick(50);
    await settle();
    assert.equal(
      await v4.engine.nextPayload(),
      '40{"sid":"nsp"}\x1e451-["welcome",{"_placeholder":true,"num":0}]\x1ebAQI=',
    );

    const v3 = played(t, { ...V4, eio: 3 }, true);
    await v3.engine.nextPayload();
    v3.engine.receivePayload('2:402:40');
    await settle();
    t.mock.timers.tick(50);
    await settle();
    const binary = 'b4AQI=';
    assert.equal(
      await v3.engine.nextPayload(),
      `15:40{"sid":"nsp"}45:451-["welcome",{"_placeholder":true,"num":0}]${binary.length}:${binary}`,
    );
    v3.engine.stop();
    assert.equal(await v3.engine.nextPayload(), '1:1', 'a stopped connection closes the pending poll');
  });

  it('upgrades a polling session to the WebSocket the page probes, as offered, and goes on there', async (t) => {
    const { engine } = played(t, { ...V4, upgrades: ['websocket'] }, true);
    const open = JSON.parse((await engine.nextPayload()).slice(1)) as { upgrades: string[] };
    assert.deepEqual(open.upgrades, ['websocket']);
    const poll = engine.nextPayload();
    const socket: string[] = [];
    engine.attachWebSocket((packets) => socket.push(...packets));
    engine.receive('2probe');
    assert.deepEqual(socket, ['3probe'], 'the probe answered on the WebSocket');
    assert.equal(await poll, '6', 'the waiting poll returns a noop, so the client can pause polling');
    engine.receive('5');
    engine.receive('40');
    await settle();
    t.mock.timers.tick(50);
    await settle();
    assert.deepEqual(socket.slice(1), ['40{"sid":"nsp"}', '451-["welcome",{"_placeholder":true,"num":0}]', 'bAQI=']);
    t.mock.timers.tick(300);
    assert.equal(socket.at(-1), '2', 'the heartbeat goes on the WebSocket');
  });
});

describe('mock config', () => {
  it('keys a WebSocket and its polling URL alike: origin and path', () => {
    assert.equal(mockKey('ws://Host:3000/socket.io/?EIO=4&transport=websocket'), 'http://host:3000/socket.io/');
    assert.equal(mockKey('https://host/x/?EIO=3'), 'https://host/x/');
    assert.equal(mockKey('ftp://host/'), undefined);
  });

  it('reads a stored recording only when well formed and bounded', () => {
    assert.deepEqual(readRecording(V4), V4);
    assert.equal(readRecording({ ...V4, eio: 5 }), undefined);
    assert.equal(readRecording({ ...V4, server: [{ afterPage: -1, gap: 0, messages: [] }] }), undefined);
    assert.equal(readRecording({ ...V4, server: Array(5_001).fill(V4.server[0]) }), undefined);
    assert.equal(
      readRecording({ ...V4, server: [{ afterPage: 0, gap: 0, messages: [{ text: 'x'.repeat(5e6) }] }] }),
      undefined,
    );
    const url = 'http://host/socket.io/';
    const configs = readMockConfigs({
      [url]: { url, recording: V4, pinned: false, tabId: 3 },
      'http://other/': { url: 'http://elsewhere/', recording: V4, pinned: false, tabId: 3 },
    });
    assert.deepEqual([...configs.keys()], [url], 'a config stored under another URL is left out');
  });
});
