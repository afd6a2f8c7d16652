// The Engine.IO server a generated Playwright test runs in place of the real one. `playRecording` is copied into the
// script by its source text (see playwright.ts), so it refers to nothing outside itself (the engine of each connection,
// `playConnection`, is copied beside it and handed in) and uses only what Node and Playwright give a test.

import type { playConnection, PlayedConnection, Recording } from '../../protocol/mock-engine';

/** The parts of Playwright's `Page` (and its routes) the runtime uses. */
export interface PlaybackPage {
  once(event: 'close', handler: () => void): unknown;
  routeWebSocket(
    url: (url: URL) => boolean,
    handler: (ws: {
      send(message: string | Uint8Array): void;
      onMessage(handler: (message: string | Uint8Array) => void): void;
      onClose(handler: () => void): void;
    }) => void,
  ): Promise<void>;
  route(
    url: (url: URL) => boolean,
    handler: (route: {
      request(): { method(): string; url(): string; postData(): string | null };
      fulfill(response: { status: number; contentType: string; body: string }): Promise<void>;
    }) => Promise<void>,
  ): Promise<void>;
}

/**
 * Answers the page's Engine.IO connections to `recording.path` from the recording, over WebSocket and over polling
 * (XHR and fetch; no upgrade offered): a fresh sid, the recorded heartbeat, the server's packets in recorded order
 * (each once the page sent what preceded it), the page's emits with an ack answered in their place by the recorded ACK
 * of the same event name and order (`unanswered` lists those the recording has no ACK for). `finished` resolves once a
 * connection played the whole conversation.
 */
export async function playRecording(
  page: PlaybackPage,
  recording: Recording,
  delayScale: number,
  play: typeof playConnection,
) {
  const pageEvents: string[] = [];
  const unanswered: string[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const isEngineIo = (url: URL) => url.pathname === recording.path && url.searchParams.has('EIO');

  /** One connection of the page: a fresh sid, and the conversation played on it from the start. */
  function connection(send?: (messages: string[]) => void) {
    const engine = play(recording, send, delayScale, {
      pageEvent: (event) => pageEvents.push(event),
      unanswered: (event) => unanswered.push(event),
      finished: finish,
    });
    engines.add(engine);
    return engine;
  }

  /** Every connection, stopped (their heartbeats too) when the page closes. */
  const engines = new Set<PlayedConnection>();
  page.once('close', () => engines.forEach((engine) => engine.stop()));

  await page.routeWebSocket(isEngineIo, (ws) => {
    const engine = connection((messages) => messages.forEach((message) => ws.send(message)));
    ws.onMessage((message) => typeof message === 'string' && engine.receive(message));
    ws.onClose(() => engine.stop());
  });

  const polling = new Map<string, PlayedConnection>();
  await page.route(isEngineIo, async (route) => {
    const request = route.request();
    const sid = new URL(request.url()).searchParams.get('sid');
    const reply = (body: string) => route.fulfill({ status: 200, contentType: 'text/plain; charset=UTF-8', body });
    if (!sid) {
      const opened = connection();
      polling.set(opened.sid, opened);
      return reply(await opened.nextPayload());
    }
    const engine = polling.get(sid);
    if (!engine) return route.fulfill({ status: 400, contentType: 'application/json', body: '{"code":1}' });
    if (request.method() === 'POST') {
      engine.receivePayload(request.postData() ?? '');
      return reply('ok');
    }
    return reply(await engine.nextPayload());
  });

  return { finished, pageEvents, unanswered };
}
