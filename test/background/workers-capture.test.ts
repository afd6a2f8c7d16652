import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkersCapture, type WorkersOutput } from '../../src/background/workers/capture';
import {
  MESSAGE_PROTOCOL_VERSION as version,
  type DocumentInfo,
  type RelayedEntry,
  type WorkersState,
} from '../../src/messages';
import { createBatchReader } from '../../src/panel/read-batches';
import type { Debuggee, DebuggerApi, DebuggerTarget } from '../../src/platform/debugger';
import { waitFor } from '../e2e/wait';

const TAB = 7;
const ORIGIN = 'http://127.0.0.1:3000';

/** A stand-in for chrome.debugger: records every call; `answers` says what a command answers (else `{}`). */
function fakeDebugger(targets: DebuggerTarget[] = [], answers: Record<string, (target: Debuggee) => unknown> = {}) {
  const calls: string[] = [];
  const name = (target: Debuggee) => target.sessionId ?? target.targetId ?? `tab ${target.tabId}`;
  const api: DebuggerApi = {
    attach: (target) => (calls.push(`attach ${name(target)}`), Promise.resolve()),
    detach: (target) => (calls.push(`detach ${name(target)}`), Promise.resolve()),
    sendCommand: (target, method) => {
      calls.push(`${name(target)} ${method}`);
      const answer = answers[method];
      return answer ? Promise.resolve(answer(target)) : Promise.resolve({});
    },
    getTargets: () => Promise.resolve(targets),
    onEvent: { addListener: () => undefined },
    onDetach: { addListener: () => undefined },
  };
  return { api, calls };
}

function collect() {
  const documents: DocumentInfo[] = [];
  /** What the panel reads of the batches (as it reads a page's). */
  const records: RelayedEntry[] = [];
  const read = createBatchReader();
  const states: WorkersState[] = [];
  const output: WorkersOutput = {
    document: (_tab, document) => documents.push(document),
    batches: (tabId, documentId, batches, dropped) =>
      records.push(
        ...read({ type: 'batches', version, tabId, frameId: -1, documentId, batches, dropped, kept: false }).records,
      ),
    state: (_tab, state) => states.push(state),
  };
  return { output, documents, records, states };
}

/** A capture of the tab's workers, started. */
async function started(api: DebuggerApi) {
  const seen = collect();
  const capture = createWorkersCapture(api, seen.output, () => 1_000);
  await capture.start(TAB);
  return { ...seen, capture };
}

const attached = (sessionId: string, type: string, url: string, waitingForDebugger = true) => ({
  sessionId,
  targetInfo: { targetId: `T-${sessionId}`, type, url },
  waitingForDebugger,
});

describe('the capture of a tab’s workers through the debugger', () => {
  it('attaches to the tab, instruments and resumes each worker at once, and records its traffic', async () => {
    // A paused service worker answers Network.enable only once resumed: the resume must not wait for it.
    let resumed: (value: unknown) => void = () => undefined;
    const { api, calls } = fakeDebugger([], {
      'Network.enable': () => new Promise((resolve) => (resumed = resolve)),
      'Runtime.runIfWaitingForDebugger': () => (resumed({}), {}),
      'Network.getResponseBody': () => ({ body: '0{"sid":"S"}', base64Encoded: false }),
    });
    const seen = await started(api);
    const { capture } = seen;
    assert.deepEqual(calls.slice(0, 2), [`attach tab ${TAB}`, `tab ${TAB} Target.setAutoAttach`]);
    capture.onEvent({ tabId: TAB }, 'Target.attachedToTarget', attached('S1', 'service_worker', `${ORIGIN}/sw.js`));
    assert.deepEqual(
      calls.filter((call) => call.startsWith('S1')),
      ['S1 Network.enable', 'S1 Target.setAutoAttach', 'S1 Runtime.runIfWaitingForDebugger'],
    );
    assert.deepEqual(
      seen.documents.map((document) => document.worker),
      [{ kind: 'service', url: `${ORIGIN}/sw.js` }],
    );
    const reached = await waitFor(
      'the state to list the worker once instrumented',
      () => seen.states.at(-1),
      (state) => state?.workers.length === 1,
    );
    assert.deepEqual(reached, { state: 'on', workers: [{ kind: 'service', url: `${ORIGIN}/sw.js` }] });

    const session = { tabId: TAB, sessionId: 'S1' };
    const url = `${ORIGIN}/socket.io/?EIO=4&transport=polling`;
    capture.onEvent(session, 'Network.requestWillBeSent', { requestId: 'r', request: { url, method: 'GET' } });
    capture.onEvent(session, 'Network.loadingFinished', { requestId: 'r' });
    capture.onEvent(session, 'Network.webSocketCreated', { requestId: 'w', url: url.replace('http', 'ws') });
    await waitFor(
      'the body to be recorded',
      () => seen.records.length,
      (count) => count === 2,
    );
    assert.deepEqual(
      seen.records.map((record) => [record.seq, record.kind, record.kind === 'frame' && record.payload.text]),
      [
        [0, 'open', false],
        [1, 'frame', '0{"sid":"S"}'],
      ],
    );
    capture.stop(TAB);
  });

  it('lists a worker no more once it ended, and routes no event of another tab', async () => {
    const { api } = fakeDebugger();
    const seen = await started(api);
    seen.capture.onEvent({ tabId: TAB }, 'Target.attachedToTarget', attached('D1', 'worker', `${ORIGIN}/w.js`, false));
    await waitFor(
      'the worker listed',
      () => seen.states.at(-1)?.workers.length,
      (count) => count === 1,
    );
    seen.capture.onEvent({ tabId: TAB + 1 }, 'Target.attachedToTarget', attached('D2', 'worker', `${ORIGIN}/x.js`));
    assert.equal(seen.documents.length, 1, 'a tab the capture is not on');
    seen.capture.onEvent({ tabId: TAB }, 'Target.detachedFromTarget', { sessionId: 'D1' });
    assert.deepEqual(seen.states.at(-1), { state: 'on', workers: [] });
    seen.capture.stop(TAB);
  });

  it('resumes and lets go of targets that are no workers (iframes)', async () => {
    const { api, calls } = fakeDebugger();
    const seen = await started(api);
    const { capture } = seen;
    capture.onEvent({ tabId: TAB }, 'Target.attachedToTarget', attached('F1', 'iframe', `${ORIGIN}/frame.html`));
    await waitFor('the iframe to be let go', () => calls.includes(`tab ${TAB} Target.detachFromTarget`), Boolean);
    assert.ok(calls.includes('F1 Runtime.runIfWaitingForDebugger'));
    assert.deepEqual(seen.documents, []);
    capture.stop(TAB);
  });

  it('turns off, saying why, when the user cancels the debugging bar; detaches when switched off', async () => {
    const { api, calls } = fakeDebugger();
    const seen = await started(api);
    const { capture } = seen;
    capture.onDetach({ tabId: TAB }, 'canceled_by_user');
    assert.deepEqual(seen.states.at(-1), {
      state: 'off',
      reason: 'the debugger was detached (canceled_by_user)',
      workers: [],
    });
    capture.onEvent({ tabId: TAB }, 'Target.attachedToTarget', attached('S2', 'worker', `${ORIGIN}/w.js`));
    assert.deepEqual(seen.documents, [], 'nothing is captured once off');

    await capture.start(TAB);
    capture.stop(TAB);
    assert.ok(calls.filter((call) => call === `detach tab ${TAB}`).length >= 1);
    assert.deepEqual(seen.states.at(-1), { state: 'off', workers: [] });
  });

  it('says the browser refused when it cannot attach', async () => {
    const { api } = fakeDebugger();
    api.attach = () => Promise.reject(new Error('Another debugger is already attached to the tab'));
    const seen = collect();
    await createWorkersCapture(api, seen.output, () => 1_000).start(TAB);
    assert.deepEqual(seen.states.at(-1), {
      state: 'off',
      reason: 'the browser refused: Another debugger is already attached to the tab',
      workers: [],
    });
  });

  it('attaches by id to the shared workers of the tab’s origin, and passes over the rest', async () => {
    const targets: DebuggerTarget[] = [
      { id: 'P', type: 'page', url: `${ORIGIN}/`, tabId: TAB, attached: true },
      { id: 'SH', type: 'worker', url: `${ORIGIN}/shared.js`, attached: true },
      { id: 'SW', type: 'worker', url: `${ORIGIN}/sw.js`, attached: false },
      { id: 'X', type: 'worker', url: 'http://elsewhere.test/shared.js', attached: false },
    ];
    const types: Record<string, string> = { SH: 'shared_worker', SW: 'service_worker' };
    const { api, calls } = fakeDebugger(targets, {
      'Target.getTargetInfo': (target) => ({ targetInfo: { type: types[target.targetId!] } }),
    });
    const seen = await started(api);
    const { capture } = seen;
    await waitFor('the service worker to be passed over', () => calls.includes('detach SW'), Boolean);
    assert.deepEqual(
      seen.documents.map((document) => document.worker),
      [{ kind: 'shared', url: `${ORIGIN}/shared.js` }],
    );
    assert.ok(calls.includes('SH Network.enable'));
    assert.ok(!calls.includes('attach X'), 'a worker of another origin');
    capture.stop(TAB);
    assert.ok(calls.includes('detach SH'), 'shared workers are let go with the tab');
  });
});
