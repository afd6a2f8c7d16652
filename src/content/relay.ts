/**
 * The isolated-world content script: keeps the hook's batches as the document's backlog (as text, never parsed here)
 * within the document's share of the tab's idle budget and, while a panel inspects the tab, forwards them as they
 * came, numbered, to the background (the panel parses and validates them). It connects to the background (to say hello) only once the page has
 * socket traffic, and never on a page the settings do not capture.
 */
import { debug } from '../debug';
import {
  CONTENT_EVENT,
  HANDSHAKE_EVENT,
  MESSAGE_PROTOCOL_VERSION,
  PAGE_EVENT,
  RELAY_EVENT,
  type BackgroundToContent,
  type ContentToPage,
  type PageCommand,
} from '../messages';
import { readBatchHead } from '../page-batch';
import { browser } from '../platform';
import { isSiteCaptured, type Settings } from '../settings/schema';
import { readSettings } from '../settings/storage';
import { createBacklog } from './backlog';
import { createBackgroundPort, documentInfo } from './background-port';
import { attachMock } from './mock';
import { createPinnedRules } from './pinned-rules';
import { createPollingSessions } from './sessions';
import { isInterceptText, readIntercept } from './validate';

/**
 * The share of the tab's idle budget a document's backlog takes until the background tells it its own: a tab rarely
 * has more than a few documents with traffic, and the background answers the first hello within milliseconds.
 */
const DEFAULT_SHARE = 0.25;
/**
 * What a document's capture takes besides its backlog: the extension's own scripts and state in the page (measured
 * with CDP: 0.5 MiB on a page without traffic, up to 0.8 MiB once the hook and the relay ran hot) and the batch the
 * hook fills (its MAX_BATCH_CHARS). The backlog gets the rest of the document's share (the reserve takes at most a
 * quarter of it).
 */
const RESERVED_BYTES = 1.5 * 1024 * 1024;

function setShare(bytes: number): void {
  backlog.setBudget(bytes - Math.min(RESERVED_BYTES, bytes / 4));
}

const settingsRead = readSettings();
/** Whether this page is captured: unknown until the settings are read. */
let captured: boolean | undefined;
let budgetTold = false;
const backlog = createBacklog(0);
const sessions = createPollingSessions();
const background = createBackgroundPort(backlog, sessions, releaseAll);
const pinnedRules = createPinnedRules(origin, tellPage);

/** The node the hook offered at document start (see HANDSHAKE_EVENT); later offers, or the page's, are ignored. */
let channel: EventTarget | undefined;

function tellPage(message: ContentToPage): void {
  if (__DEBUG__) debug('hook↔relay', '→', message);
  channel?.dispatchEvent(new CustomEvent(CONTENT_EVENT, { detail: JSON.stringify(message) }));
}

/**
 * No panel can act on what the hook holds (it went, or the background did): let it all go, breakpoints off; the pinned
 * rules run here from now on.
 */
function releaseAll(): void {
  tellPage({ type: 'intercept', version: MESSAGE_PROTOCOL_VERSION, breakpoints: [], releaseAll: true });
  pinnedRules.arm();
}

/** Tells the hook whether a panel listens, so that it paces its batches for it. */
function panelListening(listening: boolean): void {
  tellPage({ type: 'panel', version: MESSAGE_PROTOCOL_VERSION, listening });
}

/** A batch from the hook: kept as it came, and forwarded while a panel listens. */
function onPageMessage(event: Event): void {
  if (!captured) return;
  const detail: unknown = (event as CustomEvent).detail;
  if (isInterceptText(detail)) {
    const news = readIntercept(detail);
    if (news && !pinnedRules.onNews(news)) background.intercept(news);
    return;
  }
  const declared = readBatchHead(detail);
  if (__DEBUG__) debug('hook↔relay', '←', declared ?? detail);
  if (declared) background.status.captureErrors = declared.errors;
  background.received(backlog.append(detail, declared));
}

/** The settings are read: the hook applies them; a page not captured is let go for good. */
function applySettings(settings: Settings): void {
  captured = isSiteCaptured(settings, origin);
  if (!captured) channel?.removeEventListener(PAGE_EVENT, onPageMessage);
  else if (!budgetTold) setShare(settings.idleBudgetBytes * DEFAULT_SHARE);
  if (captured) void pinnedRules.load();
  // Last: the hook hands over what it holds at once, into the backlog.
  tellPage({
    type: 'ready',
    version: MESSAGE_PROTOCOL_VERSION,
    settings: { capture: captured, maxFrameSize: settings.maxFrameSize },
  });
}

function onHandshake(event: Event): void {
  const offered = (event as MouseEvent).relatedTarget;
  if (channel || !offered) return;
  channel = offered;
  channel.addEventListener(PAGE_EVENT, onPageMessage);
  attachMock(channel);
  document.removeEventListener(HANDSHAKE_EVENT, onHandshake);
  tellPage({ type: 'attached', version: MESSAGE_PROTOCOL_VERSION });
  void settingsRead.then(applySettings);
}

/** A command of a panel, run only on this document; a polling POST only to one of its own polling sessions. */
function onCommand(documentId: string, command: PageCommand): void {
  if (documentId !== documentInfo.documentId) return;
  if (command.action === 'post' && !sessions.allows(command.url)) return background.refused();
  tellPage({ type: 'command', version: MESSAGE_PROTOCOL_VERSION, command });
}

function onBackgroundMessage(message: BackgroundToContent): void {
  switch (message.type) {
    case 'replay':
      // First the hook hands over what it holds, at once: into the backlog, and so into the replay.
      pinnedRules.disarm();
      panelListening(true);
      return background.replay();
    case 'idle':
      background.idle();
      releaseAll();
      return panelListening(false);
    case 'intercept':
      return tellPage({ ...message, releaseAll: false });
    case 'hold':
      return background.hold(message.keep);
    case 'announce':
      return background.announce();
    case 'budget':
      if (message.documentId !== documentInfo.documentId) return;
      budgetTold = true;
      return setShare(message.bytes);
    case 'command':
      return onCommand(message.documentId, message.command);
  }
}

document.addEventListener(HANDSHAKE_EVENT, onHandshake);
document.dispatchEvent(new CustomEvent(RELAY_EVENT));

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!captured || !background.accepts(message)) return undefined;
  if (__DEBUG__) debug('relay↔background', '←', message);
  onBackgroundMessage(message);
  return undefined;
});
