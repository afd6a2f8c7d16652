import { signal } from '@preact/signals';
import { INJECTED_ACK_ID_BASE, type ComposeField } from '../compose';

/** The composer's fields, its last error (and the field it is about), and the next ack id it will ask for. */
export function createComposerStore() {
  return {
    session: signal<string | undefined>(undefined),
    namespace: signal('/'),
    event: signal(''),
    argsText: signal('[]'),
    ack: signal(false),
    error: signal<{ field: ComposeField; message: string } | undefined>(undefined),
    nextAckId: INJECTED_ACK_ID_BASE,
  };
}

export type ComposerStore = ReturnType<typeof createComposerStore>;
