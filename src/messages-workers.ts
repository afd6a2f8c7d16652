/** The workers parts of the messages (see messages.ts, version 10): which workers a tab's capture reaches. */

export const WORKER_KINDS = ['dedicated', 'shared', 'service'] as const;
export type WorkerKind = (typeof WORKER_KINDS)[number];

/** A worker of the inspected tab whose traffic is captured: its kind and its script's URL. */
export interface WorkerInfo {
  kind: WorkerKind;
  url: string;
}

/** The frame id of every worker's document (workers belong to no frame of the tab). */
export const WORKER_FRAME_ID = -1;

/**
 * Whether the capture of a tab's workers is `on`, `off`, or `unavailable` in this browser; `reason` says why it is
 * off or unavailable when the user did not turn it off; `workers` are those it reaches.
 */
export interface WorkersState {
  state: 'off' | 'on' | 'unavailable';
  reason?: string;
  workers: WorkerInfo[];
}
