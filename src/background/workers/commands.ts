/**
 * The composer's commands inside a worker, through the debugger (no hook runs in workers): the worker's open WebSocket
 * of the session is found by its prototype (`Runtime.queryObjects`, no help from the app) and the panel's frames are
 * sent with its own `send`, or dispatched to its listeners as a MessageEvent (Deliver); a polling POST is the worker's
 * own `fetch`. What the worker sends shows in its capture (marked injected by the recorder); what is delivered makes
 * no traffic, so its records are made here.
 */
import type { InjectedFrame, PageCommand, PageRecord } from '../../messages';
import type { Debuggee, DebuggerApi } from '../../platform/debugger';
import { isPlainObject } from '../../protocol';
import type { CdpRecorder } from './cdp-records';
import { injectedPayload } from './payloads';

const GROUP = 'socketio-inspector';

/** Runs in the worker, on the array of its WebSockets: sends or delivers `frames` on the open one of `url`. */
const INJECT = `function (url, action, frames) {
  const socket = this.find((candidate) => candidate.url === url && candidate.readyState === 1);
  if (!socket) return false;
  for (const frame of frames) {
    const bytes = frame.base64 === undefined ? undefined : Uint8Array.from(atob(frame.base64), (c) => c.charCodeAt(0));
    const data = bytes === undefined ? frame.text : socket.binaryType === 'blob' ? new Blob([bytes]) : bytes.buffer;
    if (action === 'send') socket.send(data);
    else socket.dispatchEvent(new MessageEvent('message', { data, origin: new URL(url).origin }));
  }
  return true;
}`;

const valueOf = (answer: unknown): unknown =>
  isPlainObject(answer) && isPlainObject(answer.result) ? answer.result.value : undefined;
const objectIdOf = (answer: unknown, key: 'result' | 'objects'): string | undefined => {
  const object = isPlainObject(answer) ? answer[key] : undefined;
  return isPlainObject(object) && typeof object.objectId === 'string' ? object.objectId : undefined;
};

/** Calls `functionDeclaration` in the worker on the array of its WebSockets (found by their prototype); its value. */
async function onWorkerSockets(
  api: DebuggerApi,
  debuggee: Debuggee,
  functionDeclaration: string,
  args: unknown[],
): Promise<unknown> {
  try {
    const expression = 'WebSocket.prototype';
    const prototype = await api.sendCommand(debuggee, 'Runtime.evaluate', { expression, objectGroup: GROUP });
    const prototypeObjectId = objectIdOf(prototype, 'result');
    if (!prototypeObjectId) return undefined;
    const sockets = await api.sendCommand(debuggee, 'Runtime.queryObjects', { prototypeObjectId, objectGroup: GROUP });
    const objectId = objectIdOf(sockets, 'objects');
    if (!objectId) return undefined;
    const answer = await api.sendCommand(debuggee, 'Runtime.callFunctionOn', {
      objectId,
      functionDeclaration,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
    });
    return valueOf(answer);
  } finally {
    await api.sendCommand(debuggee, 'Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => undefined);
  }
}

/** Runs in the worker: the URLs of its WebSockets that are connecting or open. */
const OPEN_URLS = 'function () { return this.filter((socket) => socket.readyState <= 1).map((socket) => socket.url); }';

/**
 * The URLs of the worker's live WebSockets, read once the capture starts: CDP reports frames of sockets opened before
 * it without their URL. Empty when the worker cannot say.
 */
export async function liveSocketUrls(api: DebuggerApi, debuggee: Debuggee): Promise<string[]> {
  const urls = await onWorkerSockets(api, debuggee, OPEN_URLS, []).catch(() => undefined);
  return Array.isArray(urls) ? urls.filter((url): url is string => typeof url === 'string') : [];
}

/** A polling POST of the panel's body from the worker (its origin, its cookies); true once the server answered. */
async function postFromWorker(api: DebuggerApi, debuggee: Debuggee, url: string, body: InjectedFrame) {
  const data =
    'text' in body
      ? JSON.stringify(body.text)
      : `Uint8Array.from(atob(${JSON.stringify(body.base64)}), (c) => c.charCodeAt(0))`;
  const type = 'text' in body ? 'text/plain;charset=UTF-8' : 'application/octet-stream';
  const expression = `fetch(${JSON.stringify(url)}, { method: 'POST', body: ${data}, credentials: 'include', headers: { 'content-type': '${type}' } }).then((response) => response.ok)`;
  const answer = await api.sendCommand(debuggee, 'Runtime.evaluate', {
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  return valueOf(answer) === true;
}

/**
 * Runs a command of the panel in a worker; returns the records it makes there (what was delivered, or why it failed).
 * Intercept's `release` has nothing to release in a worker (no hook holds its packets).
 */
export async function runWorkerCommand(
  api: DebuggerApi,
  debuggee: Debuggee,
  recorder: CdpRecorder,
  command: PageCommand,
  maxFrameSize: number,
): Promise<PageRecord[]> {
  if (command.action === 'release') return [];
  const failed = (connection: string, transport: 'websocket' | 'polling', message: string): PageRecord[] => [
    { kind: 'error', connection, transport, message, time: Date.now() },
  ];
  if (command.action === 'post') {
    recorder.expect(command.url, [command.body]);
    const posted = await postFromWorker(api, debuggee, command.url, command.body).catch(() => false);
    return posted ? [] : failed('panel-post', 'polling', "the panel's POST from the worker failed");
  }
  const { connection, frames, action } = command;
  const url = recorder.socketUrl(connection);
  if (url === undefined) return failed(connection, 'websocket', 'the panel found no such WebSocket in the worker');
  if (action === 'send') recorder.expect(connection, frames);
  const done = (await onWorkerSockets(api, debuggee, INJECT, [url, action, frames]).catch(() => false)) === true;
  if (!done) return failed(connection, 'websocket', 'the panel found no open WebSocket of this URL in the worker');
  if (action === 'send') return [];
  const time = Date.now();
  return frames.map((frame) => ({
    kind: 'frame',
    connection,
    transport: 'websocket',
    url,
    direction: 'received',
    payload: injectedPayload(frame, maxFrameSize),
    time,
    injected: true,
  }));
}
