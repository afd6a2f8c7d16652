/**
 * The panels' switch for the capture of a tab's workers: on through the debugger where the browser has one
 * (Chromium), `unavailable` elsewhere (Firefox gives extensions no way to read a worker's WebSocket frames). The
 * capture runs only while a panel inspecting the tab wants it: `release` ends it when the tab's last panel goes.
 */
import { MESSAGE_PROTOCOL_VERSION, WORKER_FRAME_ID, type BackgroundToPanel, type PageCommand } from '../../messages';
import { debuggerApi } from '../../platform/debugger';
import { DEFAULT_SETTINGS } from '../../settings/schema';
import { onSettingsChanged, readSettings } from '../../settings/storage';
import { createWorkersCapture } from './capture';

export const WORKERS_UNAVAILABLE =
  'not available in this browser (Firefox gives extensions no debugger to reach workers)';

/** `send` delivers a message to every panel inspecting its tab. */
export function createWorkersSwitch(send: (tabId: number, message: BackgroundToPanel) => void) {
  const version = MESSAGE_PROTOCOL_VERSION;
  let maxFrameSize = DEFAULT_SETTINGS.maxFrameSize;
  void readSettings().then((settings) => (maxFrameSize = settings.maxFrameSize));
  onSettingsChanged((settings) => (maxFrameSize = settings.maxFrameSize));
  const capture =
    debuggerApi &&
    createWorkersCapture(
      debuggerApi,
      {
        document: (tabId, document) =>
          send(tabId, { type: 'document', version, tabId, frameId: WORKER_FRAME_ID, document }),
        batches: (tabId, documentId, batches, dropped) =>
          send(tabId, {
            type: 'batches',
            version,
            tabId,
            frameId: WORKER_FRAME_ID,
            documentId,
            batches,
            dropped,
            kept: false,
          }),
        state: (tabId, state) => send(tabId, { type: 'workers', version, tabId, ...state }),
      },
      () => maxFrameSize,
    );
  // Registered at once, as every listener of an MV3 background must be.
  debuggerApi?.onEvent.addListener((source, method, params) => capture?.onEvent(source, method, params));
  debuggerApi?.onDetach.addListener((source, reason) => capture?.onDetach(source, reason));

  const unavailable = (tabId: number) =>
    send(tabId, { type: 'workers', version, tabId, state: 'unavailable', reason: WORKERS_UNAVAILABLE, workers: [] });

  return {
    /** A panel turned the switch on or off for its tab. */
    set(tabId: number, on: boolean): void {
      if (!capture) return unavailable(tabId);
      if (on) void capture.start(tabId);
      else capture.stop(tabId);
    },
    /** A panel subscribed to the tab: tell the panels the switch's state and the documents of its workers. */
    announce(tabId: number): void {
      if (!capture) return unavailable(tabId);
      for (const document of capture.documents(tabId))
        send(tabId, { type: 'document', version, tabId, frameId: WORKER_FRAME_ID, document });
      capture.state(tabId);
    },
    /** A command of the panel for the worker whose document is `documentId`. */
    command(tabId: number, documentId: string, command: PageCommand): void {
      capture?.command(tabId, documentId, command);
    },
    /** No panel inspects the tab any more. */
    release(tabId: number): void {
      capture?.stop(tabId);
    },
  };
}
