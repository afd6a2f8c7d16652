import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Script } from 'node:vm';
import type { RelayedRecord } from '../../src/messages';
import { decodeCapture } from '../../src/panel/decode/sessions';
import { playwrightTest, recordingOf } from '../../src/panel/export/playwright';
import { playRecording, type PlaybackPage } from '../../src/panel/export/playwright-runtime';
import { playConnection, type Recording } from '../../src/protocol/mock-engine';
import { copyPlaywrightTest } from '../../src/panel/export/playwright-copy';
import { createPanelStores } from '../../src/panel/store';
import { applyMessage, type CapturedRow } from '../../src/panel/store/capture';
import { APP_TAB, recordsMessage, wsFrame } from './records';

const WS = 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket';
const OPEN = '0{"sid":"old","upgrades":[],"pingInterval":300,"pingTimeout":200,"maxPayload":1000}';

/** A recorded 4.x session: the page connects, emits 'echo' twice with an ack; the server echoes and answers. */
const FRAMES: ['sent' | 'received', string][] = [
  ['received', OPEN],
  ['sent', '40'],
  ['received', '40{"sid":"nsp"}'],
  ['received', '42["welcome",{"n":1}]'],
  ['sent', '420["echo","a"]'],
  ['received', '42["echoed","a"]'],
  ['received', '430["ok: a"]'],
  ['sent', '421["echo","b"]'],
  ['received', '42["echoed","b"]'],
  ['received', '431["ok: b"]'],
];

function decoded() {
  const rows: CapturedRow[] = FRAMES.map(([direction, text], seq) => {
    const record: RelayedRecord = {
      kind: 'frame',
      seq,
      time: seq * 10,
      connection: 'ws1',
      transport: 'websocket',
      url: WS,
      direction,
      payload: { text, size: text.length, truncated: false },
    };
    return { kind: 'record', key: `d:${seq}`, time: seq * 10, frameId: 0, documentId: 'd', record };
  });
  const { sessions, packets } = decodeCapture(rows);
  return { session: sessions[0], packets: packets.map((each) => each.packet) };
}

/** A stand-in for Playwright's page: the test plays the page's client on the routed WebSocket or polling requests. */
function fakePage() {
  const routes: { ws?: Parameters<PlaybackPage['routeWebSocket']>[1]; http?: Parameters<PlaybackPage['route']>[1] } =
    {};
  const page: PlaybackPage = {
    once: () => undefined,
    routeWebSocket: (_url, handler) => Promise.resolve(void (routes.ws = handler)),
    route: (_url, handler) => Promise.resolve(void (routes.http = handler)),
  };
  return { page, routes };
}

/** Opens a routed WebSocket: what the server sends, and a way to send as the page. */
function openWebSocket(routes: ReturnType<typeof fakePage>['routes']) {
  const received: string[] = [];
  let onMessage: (message: string) => void = () => undefined;
  let onClose: () => void = () => undefined;
  routes.ws!({
    send: (message) => void received.push(String(message)),
    onMessage: (handler) => void (onMessage = handler as (message: string) => void),
    onClose: (handler) => void (onClose = handler),
  });
  return { received, send: (text: string) => onMessage(text), close: () => onClose() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Copy as Playwright test', () => {
  it('records the server side in order, each packet after the page packets before it, acks by name and order', () => {
    const { session, packets } = decoded();
    const { recording, leftOut } = recordingOf(session, packets);
    assert.equal(leftOut, 0);
    assert.deepEqual(
      { ...recording, server: [], page: [] },
      { eio: 4, path: '/socket.io/', pingInterval: 300, pingTimeout: 200, maxPayload: 1000, server: [], page: [] },
    );
    assert.deepEqual(recording.page, [
      { type: 'connect', namespace: '/' },
      { type: 'event', namespace: '/', event: 'echo' },
      { type: 'event', namespace: '/', event: 'echo' },
    ]);
    const steps = recording.server.map((step) =>
      'messages' in step
        ? `${step.afterPage}: ${step.messages.map((message) => ('text' in message ? message.text : '')).join()}`
        : `${step.afterPage}: ack of ${step.ack.event} #${step.ack.order}: ${step.ack.head}<id>${step.ack.data}`,
    );
    assert.deepEqual(steps, [
      '1: 0{"sid":"nsp"}',
      '1: 2["welcome",{"n":1}]',
      '2: 2["echoed","a"]',
      '2: ack of echo #0: 3<id>["ok: a"]',
      '3: 2["echoed","b"]',
      '3: ack of echo #1: 3<id>["ok: b"]',
    ]);
  });

  it("plays the conversation on the page's WebSocket: fresh sid, heartbeat, events in order, acks with the page's ids", async () => {
    const { session, packets } = decoded();
    const { page, routes } = fakePage();
    const playback = await playRecording(page, recordingOf(session, packets).recording, 0, playConnection);
    const ws = openWebSocket(routes);
    const open = JSON.parse(ws.received[0].slice(1)) as Record<string, unknown>;
    assert.match(String(open.sid), /^playback/);
    assert.deepEqual(
      { ...open, sid: '' },
      { sid: '', upgrades: [], pingInterval: 300, pingTimeout: 200, maxPayload: 1000 },
    );
    await settle();
    assert.equal(ws.received.length, 1, 'the CONNECT answer waits for the page to connect');
    ws.send('40');
    await settle();
    ws.send('427["echo","a"]');
    await settle();
    ws.send('428["echo","b"]');
    await playback.finished;
    assert.deepEqual(ws.received.slice(1), [
      '40{"sid":"nsp"}',
      '42["welcome",{"n":1}]',
      '42["echoed","a"]',
      '437["ok: a"]',
      '42["echoed","b"]',
      '438["ok: b"]',
    ]);
    assert.deepEqual(playback.pageEvents, ['echo', 'echo']);
    assert.deepEqual(playback.unanswered, []);
    ws.send('429["echo","c"]');
    assert.deepEqual(playback.unanswered, ['echo'], 'an emit the recording has no ACK for is listed');
    ws.close();
  });

  it('answers Engine.IO v3 polling: the handshake, POSTed packets, and pending GETs with length-prefixed payloads', async () => {
    const recording: Recording = {
      eio: 3,
      path: '/socket.io/',
      pingInterval: 25000,
      pingTimeout: 5000,
      server: [
        { afterPage: 0, gap: 0, messages: [{ text: '0' }] },
        { afterPage: 0, gap: 0, messages: [{ text: '51-["file",{"_placeholder":true,"num":0}]' }, { base64: 'AQID' }] },
        { afterPage: 1, gap: 0, messages: [{ text: '2["after"]' }] },
      ],
      page: [{ type: 'event', namespace: '/', event: 'hello' }],
    };
    const { page, routes } = fakePage();
    const playback = await playRecording(page, recording, 0, playConnection);
    const request = async (method: string, query: string, body?: string) => {
      let response = '';
      const url = `http://127.0.0.1/socket.io/?EIO=3&transport=polling${query}`;
      await routes.http!({
        request: () => ({ method: () => method, url: () => url, postData: () => body ?? null }),
        fulfill: (reply) => Promise.resolve(void (response = reply.body)),
      });
      return response;
    };
    const handshake = await request('GET', '');
    const sid = /"sid":"([^"]+)"/.exec(handshake)![1];
    const open = `0{"sid":"${sid}","upgrades":[],"pingInterval":25000,"pingTimeout":5000}`;
    const file = '451-["file",{"_placeholder":true,"num":0}]';
    assert.equal(handshake, `${open.length}:${open}2:40${file.length}:${file}6:b4AQID`);
    const waiting = request('GET', `&sid=${sid}`);
    assert.equal(await request('POST', `&sid=${sid}`, '1:210:42["hello"]'), 'ok');
    let polled = await waiting;
    while (!polled.includes('after')) polled += await request('GET', `&sid=${sid}`);
    assert.equal(polled, '1:311:42["after"]', 'the pong, then the packet that waited for the page');
    await playback.finished;
    assert.equal(await request('GET', '&sid=unknown'), '{"code":1}');
  });

  it('writes a test that loads the page, plays the recording and checks the emits', () => {
    const { session, packets } = decoded();
    const text = playwrightTest(session, packets, 'http://127.0.0.1:3000/');
    assert.match(text, /^\/\/ Session s1 of ws:\/\/127\.0\.0\.1:3000\/socket\.io\/\?EIO=4&transport=websocket/);
    assert.match(text, /the page's emits: "echo" ×2\./);
    assert.match(text, /import \{ test, expect \} from '@playwright\/test';/);
    assert.match(text, /const PAGE_URL = "http:\/\/127\.0\.0\.1:3000\/";/);
    assert.match(text, /const playRecording = async function \w*\(\w+, ?\w+, ?\w+, ?\w+\)/);
    assert.match(text, /expect\(playback\.pageEvents\)\.toEqual\(\["echo","echo"\]\);/);
    assert.doesNotThrow(() => new Script(text.replace(/^import .*$/m, '')), 'the rest compiles as JavaScript');
  });

  it('copies what the panel holds unread too: the flood hold is read first', async () => {
    const message = (records: RelayedRecord[]) => recordsMessage(records, { tabId: APP_TAB });
    const held = [wsFrame(3, 'sent', '42["echo","held"]')];
    const stores = createPanelStores(() => (applyMessage(stores.capture, message(held.splice(0))), new Map()));
    applyMessage(
      stores.capture,
      message([wsFrame(0, 'received', OPEN), wsFrame(1, 'sent', '40'), wsFrame(2, 'received', '40{"sid":"n"}')]),
    );
    let copied = '';
    await copyPlaywrightTest(stores, (text) => (copied = text));
    assert.match(copied, /expect\(playback\.pageEvents\)\.toEqual\(\["echo"\]\);/, 'the held emit is in the test');
    assert.match(stores.notice.value, /^Copied a Playwright test of s1 /);
  });
});
