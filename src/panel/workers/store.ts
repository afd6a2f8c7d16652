import { signal } from '@preact/signals';
import { MESSAGE_PROTOCOL_VERSION, type WorkersState } from '../../messages';
import type { PanelBridge } from '../bridge';

/** The "Capture workers" switch of the inspected tab: its state as the background tells it, and how to flip it. */
export function createWorkersStore(tabId: number, bridge: PanelBridge) {
  /** Unknown until the background says (after the panel subscribed). */
  const state = signal<WorkersState | undefined>(undefined);
  return {
    state,
    /** Follows the background's word on the tab's workers; returns the function that stops. */
    listen(): () => void {
      return bridge.listen((message) => {
        if (message.type !== 'workers' || message.tabId !== tabId) return;
        const { state: now, reason, workers } = message;
        state.value = { state: now, ...(reason === undefined ? {} : { reason }), workers };
      });
    },
    set(on: boolean): void {
      bridge.send({ type: 'capture-workers', version: MESSAGE_PROTOCOL_VERSION, tabId, on });
    },
  };
}

export type WorkersStore = ReturnType<typeof createWorkersStore>;
