import { computed, effect, type ReadonlySignal } from '@preact/signals';
import { MESSAGE_PROTOCOL_VERSION } from '../../messages';
import { stringifyJson } from '../../protocol';
import { toJsonValue } from '../../protocol';
import { composeCommand } from '../compose';
import type { Session } from '../decode/sessions';
import { remember, type HistoryEntry, type HistoryStorage } from '../history';
import type { PanelBridge } from '../bridge';
import type { RulesStorage } from '../intercept/rules-store';
import { topFrameUrl, type CaptureStore } from './capture';
import type { ComposerStore } from './composer';
import type { TimelinePacket, TimelineStore } from './timeline';

/**
 * What the panel acts through: the inspected tab, the port to the background, the composer's history storage, the
 * way to the options page and the reload of the inspected page (the browser's, stand-ins in tests).
 */
export interface PanelContext {
  tabId: number;
  bridge: PanelBridge;
  history: HistoryStorage;
  /** Where the intercept rules are kept per origin (none: they last as long as the panel). */
  rules?: RulesStorage;
  openOptionsPage(): void;
  /** Reloads the inspected page (the empty state's Reload). */
  reloadInspectedPage(): void;
}

/** The session the composer targets: the one picked, else the most recent open one. */
export function composerSession(sessions: readonly Session[], picked: string | undefined): Session | undefined {
  const open = sessions.filter((session) => session.engineIo && (session.websocket || !session.closed));
  return sessions.find((session) => session.id === picked) ?? open[open.length - 1];
}

/** The origin of a URL, or undefined when it has none. */
export function originOf(url: string | undefined): string | undefined {
  try {
    const origin = url ? new URL(url).origin : 'null';
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

type ComposerStores = { composer: ComposerStore; capture: CaptureStore; timeline: TimelineStore };
type SendContext = Pick<PanelContext, 'tabId' | 'bridge' | 'history'>;

function fill(composer: ComposerStore, entry: Omit<HistoryEntry, 'action'>): void {
  composer.namespace.value = entry.namespace;
  composer.event.value = entry.event;
  composer.argsText.value = entry.argsText;
  composer.ack.value = entry.ack;
}

/** Sends what the composer describes and remembers it; on a mistake, says which field and why, and sends nothing. */
function submit(context: SendContext, { composer, timeline }: ComposerStores, action: 'emit' | 'deliver'): boolean {
  const ackId = composer.ack.value && action === 'emit' ? composer.nextAckId : undefined;
  const { namespace, event, argsText, ack } = composer;
  const result = composeCommand({
    session: composerSession(timeline.tracker.sessions, composer.session.value),
    namespace: namespace.value,
    event: event.value,
    argsText: argsText.value,
    action,
    ...(ackId === undefined ? {} : { ackId }),
  });
  if (!result.ok) {
    composer.error.value = { field: result.field, message: result.error };
    return false;
  }
  composer.error.value = undefined;
  if (ackId !== undefined) composer.nextAckId++;
  const origin = composer.historyOrigin.value;
  if (origin !== undefined) {
    const entry = { action, namespace: namespace.value, event: event.value, argsText: argsText.value, ack: ack.value };
    composer.history.value = remember(composer.history.value, entry);
    void context.history.save(origin, composer.history.value);
  }
  const { frameId, documentId, command } = result;
  const { tabId, bridge } = context;
  bridge.send({ type: 'command', version: MESSAGE_PROTOCOL_VERSION, tabId, frameId, documentId, command });
  return true;
}

/** Loads the history of `origin`'s value, again whenever it changes; returns the function that stops. */
function followOrigin(
  history: HistoryStorage,
  composer: ComposerStore,
  origin: ReadonlySignal<string | undefined>,
): () => void {
  return effect(() => {
    const current = origin.value;
    if (current === composer.historyOrigin.peek()) return;
    composer.historyOrigin.value = current;
    composer.history.value = [];
    if (current === undefined) return;
    void history.load(current).then((entries) => {
      if (composer.historyOrigin.peek() === current) composer.history.value = entries;
    });
  });
}

/**
 * The composer's actions: send what it describes, send a history entry again, load a captured EVENT into it, and
 * keep its history per origin of the inspected page (the top frame's document), whichever server the page talks to.
 */
export function createComposerActions(context: SendContext, stores: ComposerStores) {
  const { composer, capture } = stores;
  const pageOrigin = computed(() => originOf(topFrameUrl(capture.documents.value)));
  const actions = {
    pageOrigin,
    submit: (action: 'emit' | 'deliver') => submit(context, stores, action),
    /** Fills the composer from a history entry and sends it again. */
    sendAgain(entry: HistoryEntry): boolean {
      fill(composer, entry);
      return submit(context, stores, entry.action);
    },
    /** Loads a captured EVENT into the composer: its session, namespace, name and arguments (binary as $binary). */
    load(entry: TimelinePacket): void {
      const { packet } = entry;
      composer.session.value = entry.session.id;
      const argsText = stringifyJson(toJsonValue(packet.args ?? [])) ?? '[]';
      fill(composer, { namespace: packet.namespace ?? '/', event: String(packet.event), argsText, ack: false });
    },
    /** Sends a captured EVENT again: the page's own emits to the server, received ones to the page. */
    replay(entry: TimelinePacket): boolean {
      actions.load(entry);
      return submit(context, stores, entry.packet.direction === 'sent' ? 'emit' : 'deliver');
    },
    clearHistory(): void {
      composer.history.value = [];
      const origin = composer.historyOrigin.value;
      if (origin !== undefined) void context.history.save(origin, []);
    },
    /** Loads the history of the inspected page's origin, again whenever it changes; returns the function that stops. */
    followPageOrigin: () => followOrigin(context.history, composer, pageOrigin),
  };
  return actions;
}

export type ComposerActions = ReturnType<typeof createComposerActions>;
