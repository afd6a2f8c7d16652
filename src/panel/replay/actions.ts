import { signal } from '@preact/signals';
import { MESSAGE_PROTOCOL_VERSION } from '../../messages';
import { stringifyJson } from '../../protocol';
import { composeCommand } from '../compose';
import { toJsonValue } from '../../protocol';
import { composerSession, type PanelContext } from '../store/composer-actions';
import type { CaptureStores } from '../store';
import { catchUpCapture, notCameText } from '../store/catch-up';
import type { ComposerStore } from '../store/composer';
import { createReplayScheduler, type ReplayClock, type ReplaySpeed } from './scheduler';
import { isServerEvent, MAX_REPLAY_STEPS, packetsOfSession, selectSteps, stepOf, type ReplayStep } from './steps';

type ReplayStores = CaptureStores & { composer: ComposerStore };

/** The browser's timers. */
export const browserClock: ReplayClock = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Replay into the live page: a list of server EVENTs (a session's server side, or packets added one by one, from the
 * live capture or an imported file) delivered to the composer's session as if its server sent them, each encoded for
 * that session (EIO version, parser, binary). An event that asked for an ack gets one of the panel's ack ids, so the
 * page's callback runs and the server ignores the answer.
 */
export function createReplayActions(
  context: Pick<PanelContext, 'tabId' | 'bridge'>,
  stores: ReplayStores,
  clock: ReplayClock,
) {
  const { timeline, composer, capture } = stores;
  /** The steps loaded, in order. */
  let steps: ReplayStep[] = [];
  /** What the steps came from, for the toolbar to say. */
  const source = signal('');
  /** The steps are packets added one by one (Add to replay appends to them), not a session's server side. */
  let picked = false;

  function deliver(step: ReplayStep): string | undefined {
    if (capture.imported.value !== undefined) return 'an imported file is shown: Clear returns to the live page';
    const argsText = stringifyJson(toJsonValue(step.args)) ?? '[]';
    const result = composeCommand({
      session: composerSession(timeline.tracker.sessions, composer.session.value),
      namespace: step.namespace,
      event: step.event,
      argsText,
      action: 'deliver',
      ...(step.wantsAck ? { ackId: composer.nextAckId } : {}),
    });
    if (!result.ok) return result.error;
    if (step.wantsAck) composer.nextAckId++;
    const { frameId, documentId, command } = result;
    const { tabId, bridge } = context;
    bridge.send({ type: 'command', version: MESSAGE_PROTOCOL_VERSION, tabId, frameId, documentId, command });
    return undefined;
  }

  const scheduler = createReplayScheduler(clock, deliver);

  function load(next: ReplayStep[], what: string, byHand = false): void {
    picked = byHand;
    steps = next;
    source.value = what;
    scheduler.load(next);
  }

  return {
    scheduler,
    source,
    speed: signal<ReplaySpeed>(10),
    /** Loads the server side of the selected packet's session (else of the newest session): its EVENTs, in order. */
    loadSessionServerSide(): Promise<void> {
      return catchUpCapture(stores, (notCame) => {
        const session = timeline.selected.value?.session ?? timeline.tracker.sessions.at(-1);
        if (!session) return load([], 'No session to replay');
        const { steps: selected, leftOut } = selectSteps(packetsOfSession(timeline.entries, session));
        const more = leftOut > 0 ? ` (the first ${MAX_REPLAY_STEPS}; ${leftOut} more left out)` : '';
        load(selected, `${selected.length} server events of ${session.id}${more}${notCameText(notCame)}`);
      });
    },
    /** Adds the selected packet, when it is a server EVENT, after the packets added before (not a session's). */
    addSelected(): void {
      const entry = timeline.selected.value;
      const earlier = picked ? steps : [];
      if (!entry || !isServerEvent(entry.packet) || earlier.length >= MAX_REPLAY_STEPS) return;
      const next = [...earlier, stepOf(entry.packet)];
      load(next, `${next.length} selected server events`, true);
    },
  };
}

export type ReplayActions = ReturnType<typeof createReplayActions>;
