// The Engine.IO server a generated Playwright test runs in place of the real one. `playRecording` is copied into the
// script by its source text (see playwright.ts), so it refers to nothing outside itself and uses only what Node and
// Playwright give a test.

/** An Engine.IO message as the script holds it: a Socket.IO packet's text, or a binary attachment in base64. */
export type RecordedMessage = { text: string } | { base64: string };

/** A Socket.IO packet the page sent (CONNECT or EVENT): what the server's packets wait for. */
export interface PagePacket {
  type: 'connect' | 'event';
  namespace: string;
  event?: string;
}

/** The recorded ACK of the page's `order`-th emit of `event` with an ack: `head` + the page's ack id + `data`. */
export interface RecordedAck {
  event: string;
  order: number;
  head: string;
  data: string;
  attachments: string[];
}

/** A server packet, sent once the page sent `afterPage` of its packets, `gap` ms after the server's packet before. */
export type ServerStep = { afterPage: number; gap: number } & ({ messages: RecordedMessage[] } | { ack: RecordedAck });

/** The server side of one recorded session, as the generated script holds it (JSON). */
export interface Recording {
  eio: 3 | 4;
  /** The Engine.IO path of the page's requests, e.g. `/socket.io/`. */
  path: string;
  pingInterval: number;
  pingTimeout: number;
  maxPayload?: number;
  /** The server's packets in recorded order. */
  server: ServerStep[];
  /** The page's CONNECTs and EVENTs, in recorded order. */
  page: PagePacket[];
}

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
export async function playRecording(page: PlaybackPage, recording: Recording, delayScale: number) {
  const pageEvents: string[] = [];
  const unanswered: string[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const isEngineIo = (url: URL) => url.pathname === recording.path && url.searchParams.has('EIO');
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** One Engine.IO packet as text: its type digit and data (binary as `b` + base64, `b4` in EIO3). */
  const packetText = (message: RecordedMessage) =>
    'text' in message ? `4${message.text}` : `${recording.eio === 3 ? 'b4' : 'b'}${message.base64}`;
  const encodePayload = (packets: string[]) =>
    recording.eio === 4 ? packets.join('\x1e') : packets.map((packet) => `${packet.length}:${packet}`).join('');
  const decodePayload = (body: string) => {
    if (recording.eio === 4) return body.split('\x1e');
    const packets: string[] = [];
    for (let at = 0; at < body.length;) {
      const colon = body.indexOf(':', at);
      if (colon < 0) break;
      const length = Number(body.slice(at, colon));
      packets.push(body.slice(colon + 1, colon + 1 + length));
      at = colon + 1 + length;
    }
    return packets;
  };

  /** A Socket.IO packet's type, namespace, ack id and event name, from its text. */
  function parseSocketIo(text: string) {
    const type = Number(text[0]);
    let at = type === 5 || type === 6 ? text.indexOf('-') + 1 : 1;
    let namespace = '/';
    if (text[at] === '/') {
      const comma = text.indexOf(',', at);
      namespace = comma < 0 ? text.slice(at) : text.slice(at, comma);
      at = comma < 0 ? text.length : comma + 1;
    }
    let ackId = '';
    while (at < text.length && text[at] >= '0' && text[at] <= '9') ackId += text[at++];
    let data: unknown;
    try {
      data = JSON.parse(text.slice(at) || 'null');
    } catch {
      data = undefined;
    }
    const event = Array.isArray(data) && typeof data[0] === 'string' ? data[0] : undefined;
    return { type, namespace: namespace.split('?')[0], ackId, event };
  }

  /** One connection of the page: a fresh sid, and the conversation played on it from the start. */
  function connection(send: (messages: string[]) => void) {
    const sid = `playback${Math.random().toString(36).slice(2, 12)}`;
    const ackOrder = new Map<string, number>();
    /** `event#order` → the ack id the page asked for with that emit. */
    const ackIds = new Map<string, string>();
    let seen = 0;
    let wake: () => void = () => undefined;
    let closed = false;
    const open = { sid, upgrades: [], pingInterval: recording.pingInterval, pingTimeout: recording.pingTimeout };
    const maxPayload = recording.maxPayload === undefined ? {} : { maxPayload: recording.maxPayload };
    send([`0${JSON.stringify({ ...open, ...maxPayload })}`]);
    const heartbeat = recording.eio === 4 ? setInterval(() => send(['2']), recording.pingInterval) : undefined;

    async function play() {
      for (const step of recording.server) {
        while (seen < step.afterPage && !closed) await new Promise<void>((resolve) => (wake = resolve));
        if (closed) return;
        if (step.gap * delayScale > 0) await sleep(step.gap * delayScale);
        if ('messages' in step) send(step.messages.map(packetText));
        else sendAck(step.ack);
      }
      while (seen < recording.page.length && !closed) await new Promise<void>((resolve) => (wake = resolve));
      if (!closed) finish();
    }

    function sendAck(ack: RecordedAck) {
      const ackId = ackIds.get(`${ack.event}#${ack.order}`);
      if (ackId === undefined) return;
      const attachments = ack.attachments.map((base64) => packetText({ base64 }));
      send([`4${ack.head}${ackId}${ack.data}`, ...attachments]);
    }

    function answer(text: string) {
      const packet = parseSocketIo(text);
      if (packet.type !== 0 && packet.type !== 2 && packet.type !== 5) return;
      seen++;
      if (packet.event !== undefined && packet.type !== 0 && recording.page.length >= seen)
        pageEvents.push(packet.event);
      wake();
      if (packet.ackId === '' || packet.event === undefined) return;
      const order = ackOrder.get(packet.event) ?? 0;
      ackOrder.set(packet.event, order + 1);
      ackIds.set(`${packet.event}#${order}`, packet.ackId);
      const recorded = recording.server.some(
        (step) => 'ack' in step && step.ack.event === packet.event && step.ack.order === order,
      );
      if (!recorded) unanswered.push(packet.event);
    }

    /** An Engine.IO packet from the page. */
    function receive(packet: string) {
      if (packet === '2') send(['3']);
      else if (packet === '2probe') send(['3probe']);
      else if (packet[0] === '4') answer(packet.slice(1));
      else if (packet[0] === '1') stop();
    }
    function stop() {
      closed = true;
      clearInterval(heartbeat);
      wake();
    }
    void play();
    const engine = { sid, receive, stop };
    engines.add(engine);
    return engine;
  }

  /** Every connection, stopped (their heartbeats too) when the page closes. */
  const engines = new Set<{ stop(): void }>();
  page.once('close', () => engines.forEach((engine) => engine.stop()));

  await page.routeWebSocket(isEngineIo, (ws) => {
    const engine = connection((messages) => messages.forEach((message) => ws.send(message)));
    ws.onMessage((message) => typeof message === 'string' && engine.receive(message));
    ws.onClose(() => engine.stop());
  });

  /** A polling connection: what the server has to send waits in `queue` for the page's next GET. */
  function pollingConnection() {
    const queue: string[] = [];
    let wake: () => void = () => undefined;
    const engine = connection((messages) => {
      queue.push(...messages);
      wake();
    });
    const nextPackets = async () => {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      return queue.splice(0);
    };
    return { engine, nextPackets };
  }

  const polling = new Map<string, ReturnType<typeof pollingConnection>>();
  await page.route(isEngineIo, async (route) => {
    const request = route.request();
    const sid = new URL(request.url()).searchParams.get('sid');
    const reply = (body: string) => route.fulfill({ status: 200, contentType: 'text/plain; charset=UTF-8', body });
    if (!sid) {
      const opened = pollingConnection();
      polling.set(opened.engine.sid, opened);
      return reply(encodePayload(await opened.nextPackets()));
    }
    const state = polling.get(sid);
    if (!state) return route.fulfill({ status: 400, contentType: 'application/json', body: '{"code":1}' });
    if (request.method() === 'POST') {
      decodePayload(request.postData() ?? '').forEach((packet) => state.engine.receive(packet));
      return reply('ok');
    }
    return reply(encodePayload(await state.nextPackets()));
  });

  return { finished, pageEvents, unanswered };
}
