import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCdpRecorder, MAX_IN_FLIGHT } from '../../src/background/workers/cdp-records';
import type { PageRecord } from '../../src/messages';
import { decodeCapture } from '../../src/panel/decode/sessions';
import type { CapturedRow } from '../../src/panel/store/capture';

const NOW = 1_700_000_000_000;
const URL_POLLING = 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=abc';
const URL_WEBSOCKET = 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&sid=S1';

const recorder = (max = 1_000) => createCdpRecorder(max, () => NOW);
const frame = (requestId: string, opcode: number, payloadData: string, timestamp = 10) => ({
  requestId,
  timestamp,
  response: { opcode, mask: false, payloadData },
});

describe('CDP Network events of a worker as the hook’s records', () => {
  it('records a WebSocket: open, text and binary frames both ways, close; control frames make none', () => {
    const cdp = recorder();
    const records: PageRecord[] = [];
    const push = (method: string, params: unknown) => records.push(...cdp.event(method, params).records);
    push('Network.webSocketCreated', { requestId: 'r1', url: URL_WEBSOCKET });
    push('Network.webSocketFrameSent', frame('r1', 1, '2probe', 10));
    push('Network.webSocketFrameReceived', frame('r1', 2, 'AQID', 10.5));
    push('Network.webSocketFrameReceived', frame('r1', 9, '', 10.6));
    push('Network.webSocketClosed', { requestId: 'r1', timestamp: 11 });
    const connection = 'cdp1';
    assert.deepEqual(records, [
      { kind: 'open', connection, transport: 'websocket', url: URL_WEBSOCKET, time: NOW },
      {
        kind: 'frame',
        connection,
        transport: 'websocket',
        url: URL_WEBSOCKET,
        direction: 'sent',
        payload: { text: '2probe', size: 6, truncated: false },
        time: NOW,
      },
      {
        kind: 'frame',
        connection,
        transport: 'websocket',
        url: URL_WEBSOCKET,
        direction: 'received',
        payload: { base64: 'AQID', size: 3, truncated: false },
        time: NOW + 500,
      },
      {
        kind: 'close',
        connection,
        transport: 'websocket',
        code: 0,
        reason: 'closed (the debugger gives no code or reason)',
        wasClean: false,
        time: NOW + 1000,
      },
    ]);
  });

  it('opens a socket it never saw created (the capture started later) without a URL', () => {
    const cdp = recorder();
    const { records } = cdp.event('Network.webSocketFrameReceived', frame('r9', 1, '42["late"]'));
    assert.deepEqual(
      records.map((record) => [record.kind, 'url' in record ? record.url : undefined]),
      [
        ['open', ''],
        ['frame', ''],
      ],
    );
  });

  it('gives a socket opened before the capture the URL of the worker’s one live socket, never a guess', () => {
    const one = recorder();
    one.liveBefore([URL_WEBSOCKET]);
    const [open] = one.event('Network.webSocketFrameReceived', frame('r9', 1, '2')).records;
    assert.equal(open.kind === 'open' && open.url, URL_WEBSOCKET);
    const [another] = one.event('Network.webSocketFrameReceived', frame('r10', 1, '2')).records;
    assert.equal(another.kind === 'open' && another.url, '', 'the URL went to the first');
    const two = recorder();
    two.liveBefore([URL_WEBSOCKET, `${URL_WEBSOCKET}2`]);
    const [unsure] = two.event('Network.webSocketFrameReceived', frame('r9', 1, '2')).records;
    assert.equal(unsure.kind === 'open' && unsure.url, '', 'two live sockets: which one is not known');
  });

  it('records a polling GET from its response body, timed by wallTime, with method and status', () => {
    const cdp = recorder();
    const request = { url: URL_POLLING, method: 'GET', headers: {} };
    const sent = cdp.event('Network.requestWillBeSent', { requestId: 'p1', request, timestamp: 100, wallTime: 1_800 });
    assert.deepEqual(sent, { records: [], malformed: 0 });
    cdp.event('Network.responseReceived', { requestId: 'p1', response: { status: 200 }, timestamp: 100.2 });
    const finished = cdp.event('Network.loadingFinished', { requestId: 'p1', timestamp: 100.25 });
    assert.deepEqual(finished.fetch, { requestId: 'p1', part: 'response' });
    const body = cdp.body(finished.fetch, { body: '0{"sid":"S1"}', base64Encoded: false });
    assert.deepEqual(body.records, [
      {
        kind: 'frame',
        connection: 'cdp1',
        transport: 'polling',
        url: URL_POLLING,
        direction: 'received',
        payload: { text: '0{"sid":"S1"}', size: 13, truncated: false },
        time: 1_800_250,
        method: 'GET',
        status: 200,
      },
    ]);
    assert.deepEqual(cdp.body(finished.fetch, { body: 'again' }).records, [], 'a request is recorded once');
  });

  it('records a POST from its postData, or asks for it when the event leaves it out', () => {
    const cdp = recorder();
    const post = { url: URL_POLLING, method: 'POST', postData: '40' };
    const [sent] = cdp.event('Network.requestWillBeSent', { requestId: 'p2', request: post, timestamp: 1 }).records;
    assert.deepEqual(sent.kind === 'frame' && [sent.direction, sent.payload.text, sent.method], ['sent', '40', 'POST']);
    const later = cdp.event('Network.requestWillBeSent', {
      requestId: 'p3',
      request: { url: URL_POLLING, method: 'POST', hasPostData: true },
      timestamp: 2,
    });
    assert.deepEqual(later.fetch, { requestId: 'p3', part: 'post' });
    const [asked] = cdp.body(later.fetch, { postData: '42["x"]' }).records;
    assert.equal(asked.kind === 'frame' && asked.payload.text, '42["x"]');
  });

  it('records binary bodies as base64, and a failed request as an error', () => {
    const cdp = recorder();
    cdp.event('Network.requestWillBeSent', { requestId: 'b', request: { url: URL_POLLING, method: 'GET' } });
    const finished = cdp.event('Network.loadingFinished', { requestId: 'b', timestamp: 3 });
    const [body] = cdp.body(finished.fetch!, { body: 'BAEC', base64Encoded: true }).records;
    assert.deepEqual(body.kind === 'frame' && body.payload, { base64: 'BAEC', size: 3, truncated: false });
    cdp.event('Network.requestWillBeSent', { requestId: 'f', request: { url: URL_POLLING, method: 'GET' } });
    const failed = cdp.event('Network.loadingFailed', { requestId: 'f', errorText: 'net::ERR_FAILED' }).records;
    assert.deepEqual(
      failed.map((record) => record.kind === 'error' && [record.transport, record.message]),
      [['polling', 'net::ERR_FAILED']],
    );
    assert.deepEqual(cdp.body({ requestId: 'f', part: 'response' }, { body: 'x' }).records, [], 'failed: no body');
  });

  it('leaves requests that are not Engine.IO alone', () => {
    const cdp = recorder();
    const request = { url: 'http://127.0.0.1:3000/app.js', method: 'GET' };
    assert.deepEqual(cdp.event('Network.requestWillBeSent', { requestId: 'x', request }), {
      records: [],
      malformed: 0,
    });
    assert.deepEqual(cdp.event('Network.loadingFinished', { requestId: 'x', timestamp: 1 }), {
      records: [],
      malformed: 0,
    });
  });

  it('counts malformed events and makes no record of them', () => {
    const cdp = recorder();
    for (const [method, params] of [
      ['Network.webSocketFrameSent', null],
      ['Network.webSocketFrameSent', { requestId: 1, response: { opcode: 1, payloadData: 'x' } }],
      ['Network.webSocketFrameReceived', frame('r', 2, 'not base64!')],
      ['Network.webSocketCreated', { requestId: 'r' }],
      ['Network.requestWillBeSent', { requestId: 'r', request: { url: URL_POLLING } }],
      ['Network.loadingFinished', { timestamp: 1 }],
    ] as const) {
      assert.deepEqual(cdp.event(method, params), { records: [], malformed: 1 }, `${method} ${JSON.stringify(params)}`);
    }
    cdp.event('Network.requestWillBeSent', { requestId: 'p', request: { url: URL_POLLING, method: 'GET' } });
    const finished = cdp.event('Network.loadingFinished', { requestId: 'p' });
    assert.deepEqual(cdp.body(finished.fetch!, { body: '**', base64Encoded: true }), { records: [], malformed: 1 });
  });

  it('cuts payloads over the frame size cap, keeping their size', () => {
    const cdp = recorder(4);
    cdp.event('Network.webSocketCreated', { requestId: 'r', url: URL_WEBSOCKET });
    const [text] = cdp.event('Network.webSocketFrameSent', frame('r', 1, '42["long"]')).records;
    assert.deepEqual(text.kind === 'frame' && text.payload, { text: '42["', size: 10, truncated: true });
    const [binary] = cdp.event('Network.webSocketFrameReceived', frame('r', 2, 'AAECAwQFBgc=')).records;
    assert.deepEqual(binary.kind === 'frame' && binary.payload, { base64: 'AAEC', size: 8, truncated: true });
  });

  it(`follows at most ${MAX_IN_FLIGHT} requests at once and says which one it let go`, () => {
    const cdp = recorder();
    const records: PageRecord[] = [];
    for (let n = 0; n <= MAX_IN_FLIGHT; n++) {
      const request = { url: URL_POLLING, method: 'GET' };
      records.push(...cdp.event('Network.requestWillBeSent', { requestId: `q${n}`, request }).records);
    }
    assert.deepEqual(records, [
      {
        kind: 'error',
        connection: 'cdp1',
        transport: 'polling',
        message: `let go: more than ${MAX_IN_FLIGHT} requests and sockets followed at once`,
        time: NOW,
      },
    ]);
    assert.deepEqual(cdp.event('Network.loadingFinished', { requestId: 'q0' }).fetch, undefined, 'q0 is gone');
  });

  it('gives records the panel decodes into one upgraded session', () => {
    const cdp = recorder();
    const records: PageRecord[] = [];
    const push = (result: ReturnType<typeof cdp.event>) => records.push(...result.records);
    push(cdp.event('Network.requestWillBeSent', { requestId: 'h', request: { url: URL_POLLING, method: 'GET' } }));
    cdp.event('Network.responseReceived', { requestId: 'h', response: { status: 200 } });
    const open = '0{"sid":"S1","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';
    const handshake = cdp.event('Network.loadingFinished', { requestId: 'h', timestamp: 1 });
    push(cdp.body(handshake.fetch!, { body: open }));
    push(cdp.event('Network.webSocketCreated', { requestId: 'w', url: URL_WEBSOCKET }));
    for (const [method, data] of [
      ['Network.webSocketFrameSent', '2probe'],
      ['Network.webSocketFrameReceived', '3probe'],
      ['Network.webSocketFrameSent', '5'],
      ['Network.webSocketFrameSent', '40'],
      ['Network.webSocketFrameReceived', '40{"sid":"N1"}'],
      ['Network.webSocketFrameSent', '42["hello",1]'],
    ] as const)
      push(cdp.event(method, frame('w', 1, data, 2)));
    const rows: CapturedRow[] = records.map((record, seq) => ({
      kind: 'record',
      key: `w:${seq}`,
      time: record.time,
      frameId: -1,
      documentId: 'worker:T:1',
      record: { ...record, seq },
    }));
    const { sessions, packets } = decodeCapture(rows);
    assert.deepEqual(
      sessions.map((session) => [session.sid, session.transports]),
      [['S1', ['polling', 'websocket']]],
    );
    const event = packets.find((entry) => entry.packet.sioType === 'EVENT');
    assert.deepEqual(event?.packet.event, 'hello');
  });
});
