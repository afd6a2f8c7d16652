/**
 * The capture of a tab's workers through `chrome.debugger`, on while a panel inspecting the tab asks for it: attaches
 * to the tab with `Target.setAutoAttach` (flat sessions, workers paused until instrumented) for its dedicated and
 * service workers, and by target id to the shared workers of its origin (the auto-attach does not report those; they
 * are looked for at start and every SHARED_WORKER_LOOK_MS). Only worker targets get the Network domain: the page's own
 * traffic comes from the hook. Each worker is one document of frame WORKER_FRAME_ID for the panel. It keeps only the
 * attach state (what it is attached to): records go straight on to the panels.
 */
import {
  type DocumentInfo,
  type PageCommand,
  type RelayedBatch,
  type WorkerInfo,
  type WorkersState,
} from '../../messages';
import type { Debuggee, DebuggerApi, DebuggerTarget } from '../../platform/debugger';
import { isPlainObject } from '../../protocol';
import { createCdpRecorder, type BodyRequest, type CdpRecorder, type CdpResult } from './cdp-records';
import { workerBatch } from './batch';
import { liveSocketUrls, runWorkerCommand } from './commands';
import { attachedTarget, sharedWorkersOf, workerKind } from './targets';

const PROTOCOL_VERSION = '1.3';
const SHARED_WORKER_LOOK_MS = 1_000;
const AUTO_ATTACH = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };

/** What the capture tells the background: a worker's document, its records, and the tab's workers state. */
export interface WorkersOutput {
  document(tabId: number, document: DocumentInfo): void;
  batches(tabId: number, documentId: string, batches: RelayedBatch[], dropped: number): void;
  state(tabId: number, state: WorkersState): void;
}

interface Worker {
  debuggee: Debuggee;
  targetId: string;
  document: DocumentInfo & { worker: WorkerInfo };
  recorder: CdpRecorder;
  seq: number;
  /** Once its Network domain is on (and its live sockets' URLs known): what it does from then on is captured. */
  instrumented: boolean;
}

interface TabCapture {
  /** Workers by the key of their debuggee (see keyOf). */
  workers: Map<string, Worker>;
  /** Shared workers attached by target id. */
  shared: Set<string>;
  /** Targets looked at by id (shared workers, and the service workers and others passed over). */
  passed: Set<string>;
  /** Looks for new shared workers while on. */
  timer?: ReturnType<typeof setInterval>;
}

const keyOf = (source: Debuggee) => source.sessionId ?? (source.targetId ? `target:${source.targetId}` : 'tab');

export function createWorkersCapture(api: DebuggerApi, output: WorkersOutput, maxFrameSize: () => number) {
  const tabs = new Map<number, TabCapture>();
  let documents = 0;

  function tabOf(source: Debuggee): [number, TabCapture] | undefined {
    if (source.tabId !== undefined) {
      const tab = tabs.get(source.tabId);
      return tab && [source.tabId, tab];
    }
    for (const entry of tabs) if (source.targetId && entry[1].shared.has(source.targetId)) return entry;
    return undefined;
  }

  function tellState(tabId: number, reason?: string): void {
    const tab = tabs.get(tabId);
    const reached = tab ? [...tab.workers.values()].filter((worker) => worker.instrumented) : [];
    const workers = reached.map((worker) => worker.document.worker);
    output.state(tabId, { state: tab ? 'on' : 'off', ...(reason ? { reason } : {}), workers });
  }

  /**
   * A worker reached: its document goes to the panels at once, the workers state once `instrumented` settled and, for
   * a worker that `running` before the capture, the URLs of its live sockets are known.
   */
  function addWorker(
    tabId: number,
    tab: TabCapture,
    target: { debuggee: Debuggee; targetId: string; running: boolean },
    info: WorkerInfo,
    instrumented: () => Promise<unknown>[],
  ): void {
    const { debuggee, targetId } = target;
    const documentId = `worker:${targetId}:${++documents}`;
    const title = `${info.kind} worker`;
    const document = { documentId, url: info.url, title, startedAt: Date.now(), worker: info };
    const recorder = createCdpRecorder(maxFrameSize());
    const worker: Worker = { debuggee, targetId, document, recorder, seq: 0, instrumented: false };
    tab.workers.set(keyOf(debuggee), worker);
    output.document(tabId, document);
    const live = target.running ? liveSocketUrls(api, debuggee).then((urls) => recorder.liveBefore(urls)) : undefined;
    void Promise.allSettled([...instrumented(), live]).then(() => {
      worker.instrumented = true;
      if (tabs.get(tabId) === tab) tellState(tabId);
    });
  }

  function emit(tabId: number, worker: Worker, result: CdpResult): void {
    const { records, malformed } = result;
    if (records.length === 0 && malformed === 0) return;
    const batches = records.length > 0 ? [workerBatch(records, worker.seq)] : [];
    worker.seq += records.length;
    output.batches(tabId, worker.document.documentId, batches, malformed);
  }

  /** Fetches a body the recorder asked for, then records it (or its failure). */
  function fetchBody(tabId: number, worker: Worker, wanted: BodyRequest): void {
    const method = wanted.part === 'response' ? 'Network.getResponseBody' : 'Network.getRequestPostData';
    api
      .sendCommand(worker.debuggee, method, { requestId: wanted.requestId })
      .catch(() => undefined)
      .then((answer) => emit(tabId, worker, worker.recorder.body(wanted, answer)))
      .catch(() => undefined);
  }

  /**
   * Instruments a worker the auto-attach reported: Network and nested auto-attach first, then the resume, and only
   * then awaits their answers (a paused service worker answers Network.enable only once it runs). Other targets
   * (iframes, worklets) are resumed and let go.
   */
  function onAttached(tabId: number, tab: TabCapture, parent: Debuggee, params: unknown): void {
    const target = attachedTarget(params);
    if (!target) return;
    const debuggee = { ...parent, sessionId: target.sessionId };
    const kind = workerKind(target.type);
    const resume = () => api.sendCommand(debuggee, 'Runtime.runIfWaitingForDebugger');
    if (!kind) {
      const resumed = target.waitingForDebugger ? resume() : Promise.resolve();
      void resumed
        .finally(() => api.sendCommand(parent, 'Target.detachFromTarget', { sessionId: target.sessionId }))
        .catch(() => undefined);
      return;
    }
    const running = !target.waitingForDebugger;
    addWorker(tabId, tab, { debuggee, targetId: target.targetId, running }, { kind, url: target.url }, () => [
      api.sendCommand(debuggee, 'Network.enable', {}),
      api.sendCommand(debuggee, 'Target.setAutoAttach', AUTO_ATTACH),
      ...(target.waitingForDebugger ? [resume()] : []),
    ]);
  }

  /** Attaches to a worker found by `getTargets()` if CDP says it is a shared one; lets it go otherwise. */
  async function attachIfShared(tabId: number, tab: TabCapture, target: DebuggerTarget): Promise<void> {
    const debuggee = { targetId: target.id };
    tab.passed.add(target.id);
    await api.attach(debuggee, PROTOCOL_VERSION);
    const info = await api.sendCommand(debuggee, 'Target.getTargetInfo').catch(() => undefined);
    const type = isPlainObject(info) && isPlainObject(info.targetInfo) ? info.targetInfo.type : undefined;
    if (type !== 'shared_worker' || tabs.get(tabId) !== tab) {
      await api.detach(debuggee);
      return;
    }
    tab.shared.add(target.id);
    const shared = { debuggee, targetId: target.id, running: true };
    addWorker(tabId, tab, shared, { kind: 'shared', url: target.url }, () => [
      api.sendCommand(debuggee, 'Network.enable', {}),
    ]);
  }

  async function attachSharedWorkers(tabId: number, tab: TabCapture): Promise<void> {
    const known = new Set([...tab.passed, ...[...tab.workers.values()].map((worker) => worker.targetId)]);
    for (const target of sharedWorkersOf(tabId, await api.getTargets(), known)) {
      if (tabs.get(tabId) !== tab) return;
      // A target gone meanwhile, or that refuses: passed over for good.
      await attachIfShared(tabId, tab, target).catch(() => undefined);
    }
  }

  /** Stops capturing the tab's workers (detaches everything), saying `reason` when the user did not ask for it. */
  function stop(tabId: number, reason?: string): void {
    const tab = tabs.get(tabId);
    if (!tab) return;
    tabs.delete(tabId);
    clearInterval(tab.timer);
    api.detach({ tabId }).catch(() => undefined); // already detached (the user cancelled it, the tab closed)
    for (const targetId of tab.shared) api.detach({ targetId }).catch(() => undefined);
    tellState(tabId, reason);
  }

  /** A worker of an auto-attached session ended. */
  function onDetached(tabId: number, tab: TabCapture, params: unknown): void {
    const sessionId = isPlainObject(params) ? params.sessionId : undefined;
    if (typeof sessionId === 'string' && tab.workers.delete(sessionId)) tellState(tabId);
  }

  return {
    /** Starts capturing the workers of the tab; says why not when the browser refuses. */
    async start(tabId: number): Promise<void> {
      if (tabs.has(tabId)) return tellState(tabId);
      const tab: TabCapture = { workers: new Map(), shared: new Set(), passed: new Set() };
      tabs.set(tabId, tab);
      try {
        await api.attach({ tabId }, PROTOCOL_VERSION);
        await api.sendCommand({ tabId }, 'Target.setAutoAttach', AUTO_ATTACH);
      } catch (error) {
        tabs.delete(tabId);
        api.detach({ tabId }).catch(() => undefined);
        return tellState(tabId, `the browser refused: ${error instanceof Error ? error.message : String(error)}`);
      }
      const look = () => void attachSharedWorkers(tabId, tab).catch(() => undefined);
      tab.timer = setInterval(look, SHARED_WORKER_LOOK_MS);
      look();
      tellState(tabId);
    },

    stop,

    /** The documents of the tab's workers (for a panel that subscribes while the capture is on). */
    documents(tabId: number): DocumentInfo[] {
      return [...(tabs.get(tabId)?.workers.values() ?? [])].map((worker) => worker.document);
    },

    state(tabId: number): void {
      tellState(tabId);
    },

    /** Runs a command of the panel in the worker whose document is `documentId`. */
    command(tabId: number, documentId: string, command: PageCommand): void {
      const worker = [...(tabs.get(tabId)?.workers.values() ?? [])].find((w) => w.document.documentId === documentId);
      if (!worker) return;
      void runWorkerCommand(api, worker.debuggee, worker.recorder, command, maxFrameSize()).then((records) =>
        emit(tabId, worker, { records, malformed: 0 }),
      );
    },

    onEvent(source: Debuggee, method: string, params: unknown): void {
      const found = tabOf(source);
      if (!found) return;
      const [tabId, tab] = found;
      if (method === 'Target.attachedToTarget') return onAttached(tabId, tab, source, params);
      if (method === 'Target.detachedFromTarget') return onDetached(tabId, tab, params);
      const worker = tab.workers.get(keyOf(source));
      if (!worker) return;
      const result = worker.recorder.event(method, params);
      emit(tabId, worker, result);
      if (result.fetch) fetchBody(tabId, worker, result.fetch);
    },

    /** The debugger let go of a tab (the user cancelled the bar, the tab closed) or of a shared worker (it ended). */
    onDetach(source: Debuggee, reason: string): void {
      const found = tabOf(source);
      if (!found) return;
      const [tabId, tab] = found;
      if (source.tabId !== undefined) return stop(tabId, `the debugger was detached (${reason})`);
      tab.shared.delete(source.targetId!);
      tab.workers.delete(keyOf(source));
      tellState(tabId);
    },
  };
}

export type WorkersCapture = ReturnType<typeof createWorkersCapture>;
