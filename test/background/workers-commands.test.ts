import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCdpRecorder } from '../../src/background/workers/cdp-records';
import { runWorkerCommand } from '../../src/background/workers/commands';
import { MAX_EXPECTED } from '../../src/background/workers/expected';
import type { PageCommand, PageRecord } from '../../src/messages';
import type { DebuggerApi } from '../../src/platform/debugger';

const URL_WEBSOCKET = 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&sid=S1';
const URL_POLLING = 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&sid=S1';
const debuggee = { tabId: 1, sessionId: 'W' };

/** A stand-in for chrome.debugger whose worker has one open WebSocket (or none); records the commands sent. */
function fakeWorker(socketFound: boolean) {
  const commands: { method: string; params?: Record<string, unknown> }[] = [];
  const answers: Record<string, unknown> = {
    'Runtime.evaluate': { result: { objectId: 'proto', value: true } },
    'Runtime.queryObjects': { objects: { objectId: 'sockets' } },
    'Runtime.callFunctionOn': { result: { value: socketFound } },
  };
  const api = {
    sendCommand: (_target: unknown, method: string, params?: Record<string, unknown>) => {
      commands.push({ method, ...(params ? { params } : {}) });
      return Promise.resolve(answers[method] ?? {});
    },
  } as unknown as DebuggerApi;
  return { api, commands };
}

function recorderWithSocket() {
  const recorder = createCdpRecorder(1_000, () => 5);
  recorder.event('Network.webSocketCreated', { requestId: 'r', url: URL_WEBSOCKET });
  return recorder;
}

const errors = (records: PageRecord[]) => records.map((record) => record.kind === 'error' && record.message);

const sent = (payloadData: string) => ({ requestId: 'r', timestamp: 1, response: { opcode: 1, payloadData } });

describe("the composer's commands in a worker", () => {
  it('sends on the worker’s socket of the session’s URL, and marks the frames CDP then reports as injected', async () => {
    const { api, commands } = fakeWorker(true);
    const recorder = recorderWithSocket();
    const frames = [{ text: '451-["e",{"_placeholder":true,"num":0}]' }, { base64: 'AQID' }];
    const records = await runWorkerCommand(
      api,
      debuggee,
      recorder,
      { action: 'send', connection: 'cdp1', frames },
      1e3,
    );
    assert.deepEqual(records, []);
    const call = commands.find((command) => command.method === 'Runtime.callFunctionOn');
    assert.deepEqual(call?.params?.arguments, [{ value: URL_WEBSOCKET }, { value: 'send' }, { value: frames }]);
    assert.equal(commands.at(-1)?.method, 'Runtime.releaseObjectGroup', 'the worker’s objects are let go');
    const [own] = recorder.event('Network.webSocketFrameSent', sent('2')).records;
    const [panel] = recorder.event('Network.webSocketFrameSent', sent(frames[0].text!)).records;
    assert.deepEqual(
      [own, panel].map((record) => record.kind === 'frame' && record.injected),
      [undefined, true],
    );
  });

  it('delivers to the worker’s listeners and records what it delivered, as received and injected', async () => {
    const { api } = fakeWorker(true);
    const command: PageCommand = { action: 'deliver', connection: 'cdp1', frames: [{ text: '42["injected"]' }] };
    const records = await runWorkerCommand(api, debuggee, recorderWithSocket(), command, 1e3);
    assert.deepEqual(
      records.map((record) => record.kind === 'frame' && [record.direction, record.payload.text, record.injected]),
      [['received', '42["injected"]', true]],
    );
  });

  it('says so in an error record when the socket is unknown or no longer open', async () => {
    const run = (socketFound: boolean, action: 'send' | 'deliver', connection: string) =>
      runWorkerCommand(
        fakeWorker(socketFound).api,
        debuggee,
        recorderWithSocket(),
        {
          action,
          connection,
          frames: [{ text: '2' }],
        },
        1e3,
      );
    assert.deepEqual(errors(await run(false, 'send', 'cdp1')), [
      'the panel found no open WebSocket of this URL in the worker',
    ]);
    assert.deepEqual(errors(await run(true, 'deliver', 'cdp9')), ['the panel found no such WebSocket in the worker']);
  });

  it('POSTs a polling body from the worker, marked injected when CDP reports it', async () => {
    const { api, commands } = fakeWorker(true);
    const recorder = recorderWithSocket();
    const body = { text: '42["from-panel"]' };
    const records = await runWorkerCommand(api, debuggee, recorder, { action: 'post', url: URL_POLLING, body }, 1e3);
    assert.deepEqual(records, []);
    const expression = String(commands.find((command) => command.method === 'Runtime.evaluate')?.params?.expression);
    assert.match(expression, /^fetch\("http:\/\/127\.0\.0\.1:3000\/socket\.io\/\?EIO=4&transport=polling&sid=S1", /);
    assert.ok(expression.includes('body: "42[\\"from-panel\\"]"'), expression);
    const request = { url: URL_POLLING, method: 'POST', postData: body.text };
    const [frame] = recorder.event('Network.requestWillBeSent', { requestId: 'p', request }).records;
    assert.equal(frame.kind === 'frame' && frame.injected, true);
  });

  it('has nothing to release in a worker', async () => {
    const { api, commands } = fakeWorker(true);
    const command: PageCommand = { action: 'release', hold: 'h1', verdict: 'drop' };
    assert.deepEqual(await runWorkerCommand(api, debuggee, recorderWithSocket(), command, 1e3), []);
    assert.deepEqual(commands, []);
  });

  it(`looks for at most ${MAX_EXPECTED} of the panel's frames per connection`, () => {
    const recorder = recorderWithSocket();
    const frames = Array.from({ length: MAX_EXPECTED + 1 }, (_, n) => ({ text: `42[${n}]` }));
    recorder.expect('cdp1', frames);
    const [oldest] = recorder.event('Network.webSocketFrameSent', sent('42[0]')).records;
    const [kept] = recorder.event('Network.webSocketFrameSent', sent('42[1]')).records;
    assert.deepEqual(
      [oldest, kept].map((record) => record.kind === 'frame' && record.injected),
      [undefined, true],
    );
  });
});
