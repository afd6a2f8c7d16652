/**
 * The background routes records from the relays of a tab to the panels inspecting that tab, shares each tab's idle
 * budget among its documents, and nothing else: it keeps no capture of its own, so a stopped service worker loses
 * nothing (the relays hold the backlog). Ports are accepted only from the extension's own pages (panels) and from
 * content scripts (relays); normal and incognito tabs are kept apart (see mayReach).
 */
import { endUnpinnedMocks } from './mock';
import { debug } from '../debug';
import {
  MESSAGE_PROTOCOL_VERSION,
  PORT_PANEL,
  PORT_RELAY,
  WORKER_FRAME_ID,
  type BackgroundToContent,
  type BackgroundToPanel,
  type ContentToBackground,
  type DocumentInfo,
  type InspectedTab,
  type Keeping,
  type PanelToBackground,
} from '../messages';
import { browser, type Runtime } from '../platform';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { onSettingsChanged, readSettings } from '../settings/storage';
import { budgetShare, mayReach, relaysKeep } from './rules';
import { isContentScript, isExtensionPage, type ExtensionIdentity } from './senders';
import { isContentToBackground, isPanelToBackground } from './validate';
import { createWorkersSwitch } from './workers';

interface Relay {
  tabId: number;
  frameId: number;
  incognito: boolean;
  document?: DocumentInfo;
  /** Whether its document has socket traffic (and so a share of the tab's budget). */
  traffic: boolean;
}

interface Panel {
  /** Whether it runs in an incognito tab; undefined for a DevTools panel (not in a tab). */
  incognito: boolean | undefined;
  /** The tab it inspects, once subscribed. */
  tabId?: number;
  /** How it lets the relays keep their records (its last `hold`). */
  keep: Keeping;
}

const extension: ExtensionIdentity = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('') };
const relays = new Map<Runtime.Port, Relay>();
const panels = new Map<Runtime.Port, Panel>();
/** How the relays of each tab were told to keep their records, where not `no` (see syncHold). */
const toldKeeping = new Map<number, Keeping>();
/** Panels in a tab without a tab to inspect yet: they get the list of tabs again whenever it changes. */
const pickers = new Set<Runtime.Port>();
/** Each tab's idle budget: the settings' (read when the worker starts, and whenever they change). */
let tabBudget = DEFAULT_SETTINGS.idleBudgetBytes;
void readSettings().then((settings) => (tabBudget = settings.idleBudgetBytes));
onSettingsChanged((settings) => (tabBudget = settings.idleBudgetBytes));

function toPanel(port: Runtime.Port, message: BackgroundToPanel): void {
  if (__DEBUG__) debug('background↔panel', '→', message);
  port.postMessage(message);
}

function toPanels(tabId: number, message: BackgroundToPanel): void {
  for (const [port, panel] of panels) {
    if (panel.tabId !== tabId) continue;
    try {
      toPanel(port, message);
    } catch {
      panels.delete(port);
    }
  }
}

/** The capture of each tab's workers (through the debugger), on while a panel inspecting the tab asks for it. */
const workers = createWorkersSwitch(toPanels);

function isInspected(tabId: number): boolean {
  return [...panels.values()].some((panel) => panel.tabId === tabId);
}

function tellRelay(tabId: number, frameId: number | undefined, message: BackgroundToContent): void {
  if (__DEBUG__) debug('relay↔background', '→', message);
  browser.tabs.sendMessage(tabId, message, frameId === undefined ? {} : { frameId }).catch(() => undefined);
}

/**
 * A tab's relays keep their records as the least of what the panels inspecting it let them (see relaysKeep); a relay
 * that starts streaming (`replay`) keeps nothing until told.
 */
function syncHold(tabId: number | undefined): void {
  if (tabId === undefined) return;
  const inspecting = [...panels.values()].filter((panel) => panel.tabId === tabId);
  const keep = relaysKeep(inspecting.map((panel) => panel.keep));
  if (keep === (toldKeeping.get(tabId) ?? 'no')) return;
  if (keep === 'no') toldKeeping.delete(tabId);
  else toldKeeping.set(tabId, keep);
  if (inspecting.length > 0) tellRelay(tabId, undefined, { type: 'hold', version: MESSAGE_PROTOCOL_VERSION, keep });
}

/** Once no panel inspects a tab, its relays keep their records instead of sending them, and its workers go. */
function idleIfUninspected(tabId: number | undefined): void {
  if (tabId === undefined || isInspected(tabId)) return;
  tellRelay(tabId, undefined, { type: 'idle', version: MESSAGE_PROTOCOL_VERSION });
  workers.release(tabId);
}

/** Tells each document of the tab that has traffic its share of the tab's budget. */
function shareBudget(tabId: number): void {
  const sharing = [...relays.values()].filter((relay) => relay.tabId === tabId && relay.traffic && relay.document);
  const bytes = budgetShare(tabBudget, sharing.length);
  for (const { frameId, document } of sharing) {
    const documentId = document!.documentId;
    tellRelay(tabId, frameId, { type: 'budget', version: MESSAGE_PROTOCOL_VERSION, documentId, bytes });
  }
}

function tabsFor(panel: Panel): InspectedTab[] {
  const tabs = new Map<number, InspectedTab>();
  for (const { tabId, frameId, document, incognito } of relays.values()) {
    if (!document || (tabs.has(tabId) && frameId !== 0) || !mayReach(panel.incognito, incognito, true)) continue;
    tabs.set(tabId, { tabId, url: document.url, title: document.title });
  }
  return [...tabs.values()];
}

function tellPickers(): void {
  for (const port of pickers) {
    try {
      toPanel(port, { type: 'tabs', version: MESSAGE_PROTOCOL_VERSION, tabs: tabsFor(panels.get(port)!) });
    } catch {
      pickers.delete(port);
    }
  }
}

function onHello(relay: Relay, document: DocumentInfo, traffic: boolean): void {
  const { tabId, frameId } = relay;
  const known = relay.document?.documentId === document.documentId;
  const hadTraffic = relay.traffic;
  relay.document = document;
  relay.traffic = traffic;
  if (traffic !== hadTraffic || !known) shareBudget(tabId);
  if (known) return;
  // A document that loaded after the panel subscribed (a reload, a new frame) streams to it from the start.
  if (isInspected(tabId)) tellRelay(tabId, frameId, { type: 'replay', version: MESSAGE_PROTOCOL_VERSION });
  if (frameId !== 0 && ![...relays.values()].some((other) => other.tabId === tabId && other.frameId === 0)) {
    tellRelay(tabId, 0, { type: 'announce', version: MESSAGE_PROTOCOL_VERSION });
  }
  tellPickers();
  toPanels(tabId, { type: 'document', version: MESSAGE_PROTOCOL_VERSION, tabId, frameId, document });
}

function onRelayMessage(port: Runtime.Port, relay: Relay, message: ContentToBackground): void {
  if (__DEBUG__) debug('relay↔background', '←', message);
  const { tabId, frameId } = relay;
  if (message.type === 'hello') return onHello(relay, message.document, message.traffic);
  if (relay.document?.documentId !== message.documentId) {
    port.disconnect();
    relays.delete(port);
    return;
  }
  const version = MESSAGE_PROTOCOL_VERSION;
  if (message.type !== 'batches') return toPanels(tabId, { ...message, version, tabId, frameId });
  const { documentId, batches, dropped, kept } = message;
  toPanels(tabId, { type: 'batches', version, tabId, frameId, documentId, batches, dropped, kept });
}

/** The incognito state of the tab a relay of `tabId` runs in, if any relay of it is connected. */
function tabIncognito(tabId: number): boolean | undefined {
  for (const relay of relays.values()) if (relay.tabId === tabId) return relay.incognito;
  return undefined;
}

function subscribe(port: Runtime.Port, panel: Panel, tabId: number): void {
  const incognito = tabIncognito(tabId);
  if (incognito !== undefined && !mayReach(panel.incognito, incognito, false)) return;
  pickers.delete(port);
  const previous = panel.tabId;
  panel.tabId = tabId;
  if (previous !== tabId) idleIfUninspected(previous);
  syncHold(previous);
  for (const { tabId: relayTab, frameId, document } of relays.values()) {
    if (relayTab === tabId && document)
      toPanel(port, { type: 'document', version: MESSAGE_PROTOCOL_VERSION, tabId, frameId, document });
  }
  tellRelay(tabId, undefined, { type: 'replay', version: MESSAGE_PROTOCOL_VERSION });
  // The replay makes the tab's relays stream, keeping nothing until told.
  toldKeeping.delete(tabId);
  syncHold(tabId);
  workers.announce(tabId);
}

function onPanelMessage(port: Runtime.Port, panel: Panel, message: PanelToBackground): void {
  if (__DEBUG__) debug('background↔panel', '←', message);
  if (message.type === 'list-tabs') {
    pickers.add(port);
    toPanel(port, { type: 'tabs', version: MESSAGE_PROTOCOL_VERSION, tabs: tabsFor(panel) });
  } else if (message.type === 'subscribe') {
    subscribe(port, panel, message.tabId);
  } else if (message.type === 'hold') {
    panel.keep = message.keep;
    syncHold(panel.tabId);
  } else if (message.type === 'capture-workers') {
    if (message.tabId === panel.tabId) workers.set(message.tabId, message.on);
  } else if (message.type === 'intercept') {
    // Breakpoints go to every document of the tab the panel inspects.
    const { tabId, breakpoints } = message;
    if (tabId === panel.tabId)
      tellRelay(tabId, undefined, { type: 'intercept', version: MESSAGE_PROTOCOL_VERSION, breakpoints });
  } else if (message.tabId === panel.tabId) {
    // Commands go only to the tab the panel inspects.
    const { tabId, frameId, documentId, command } = message;
    if (frameId === WORKER_FRAME_ID) workers.command(tabId, documentId, command);
    else tellRelay(tabId, frameId, { type: 'command', version: MESSAGE_PROTOCOL_VERSION, documentId, command });
  }
}

function acceptRelay(port: Runtime.Port): void {
  const tab = port.sender!.tab!;
  const relay: Relay = {
    tabId: tab.id!,
    frameId: port.sender?.frameId ?? 0,
    incognito: !!tab.incognito,
    traffic: false,
  };
  relays.set(port, relay);
  port.onMessage.addListener((message: unknown) => {
    if (isContentToBackground(message)) onRelayMessage(port, relay, message);
  });
  port.onDisconnect.addListener(() => {
    relays.delete(port);
    if (relay.traffic) shareBudget(relay.tabId);
    tellPickers();
  });
}

function acceptPanel(port: Runtime.Port): void {
  const panel: Panel = { incognito: port.sender?.tab?.incognito, keep: 'no' };
  panels.set(port, panel);
  port.onMessage.addListener((message: unknown) => {
    if (isPanelToBackground(message)) onPanelMessage(port, panel, message);
  });
  port.onDisconnect.addListener(() => {
    panels.delete(port);
    pickers.delete(port);
    idleIfUninspected(panel.tabId);
    syncHold(panel.tabId);
    if (panel.tabId !== undefined && !isInspected(panel.tabId)) endUnpinnedMocks(panel.tabId).catch(() => undefined);
  });
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name === PORT_RELAY && isContentScript(port.sender, extension)) acceptRelay(port);
  else if (port.name === PORT_PANEL && isExtensionPage(port.sender, extension)) acceptPanel(port);
  else port.disconnect();
});
