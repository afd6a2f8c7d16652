import { signal } from '@preact/signals';
import { INJECTED_ACK_ID_BASE, type ComposeField } from '../compose';
import type { HistoryEntry } from '../history';

/** The composer's fields, its last error (and the field it is about), the next ack id it will ask for, its history. */
export function createComposerStore() {
  return {
    session: signal<string | undefined>(undefined),
    namespace: signal('/'),
    event: signal(''),
    argsText: signal('[]'),
    ack: signal(false),
    error: signal<{ field: ComposeField; message: string } | undefined>(undefined),
    nextAckId: INJECTED_ACK_ID_BASE,
    /** What was sent from the composer on the inspected page's origin, newest first (kept in extension storage). */
    history: signal<HistoryEntry[]>([]),
    /** The origin whose history `history` holds. */
    historyOrigin: signal<string | undefined>(undefined),
  };
}

export type ComposerStore = ReturnType<typeof createComposerStore>;
