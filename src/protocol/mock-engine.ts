// The Engine.IO server side of a recorded session, played on one connection: used by the mock server (the relay runs
// it for the page's mocked connections) and copied by its source text into a generated Playwright test (see
// panel/export/playwright.ts), so `playConnection` refers to nothing outside itself.

declare function setTimeout(run: () => void, ms: number): unknown;
declare function clearTimeout(timer: unknown): void;
declare function setInterval(run: () => void, ms: number): unknown;
declare function clearInterval(timer: unknown): void;

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

/** The server side of one recorded session (JSON): the format is documented in docs/export-format.md. */
export interface Recording {
  eio: 3 | 4;
  /** The Engine.IO path of the page's requests, e.g. `/socket.io/`. */
  path: string;
  pingInterval: number;
  pingTimeout: number;
  maxPayload?: number;
  /** The transports the server offered to upgrade to (none when absent). */
  upgrades?: string[];
  /** The server's packets in recorded order. */
  server: ServerStep[];
  /** The page's CONNECTs and EVENTs, in recorded order. */
  page: PagePacket[];
}

/** What a played connection tells its owner. */
export interface PlayListener {
  /** The page emitted `event` (one of the recorded page packets). */
  pageEvent(event: string): void;
  /** The page emitted `event` with an ack the recording has no ACK for. */
  unanswered(event: string): void;
  /** The whole recorded conversation was played. */
  finished(): void;
}

/**
 * A connection being played: `receive` takes the page's Engine.IO packets (as text, a WebSocket's frames), `stop` ends
 * it. Without a `send`, the server's packets wait for polling: `nextPayload` resolves with all that wait (once there is
 * one), `receivePayload` takes a POST body.
 */
export interface PlayedConnection {
  sid: string;
  /**
   * The page opened a WebSocket to upgrade this polling session: it answers the probe there, and once the page sends
   * the upgrade packet the server's packets go on it (a poll waiting then gets a noop, as a server's does).
   */
  attachWebSocket(sendFrames: (packets: string[]) => void): void;
  receive(packet: string): void;
  receivePayload(body: string): void;
  nextPayload(): Promise<string>;
  stop(): void;
}

/**
 * Plays `recording` on one connection: `send` gets the server's Engine.IO packets as text (binary as `b` + base64,
 * `b4` + base64 in EIO3, which both parsers read over either transport). First the handshake (a fresh sid, the
 * recorded heartbeat), then the server's packets in recorded order, each once the page sent what preceded it and
 * `gap × delayScale` ms after the one before; the page's emits with an ack are answered by the recorded ACK of the same
 * event name and order. Engine.IO 4 pings at the recorded interval; Engine.IO 3 answers the page's pings.
 */
export function playConnection(
  recording: Recording,
  frames: ((packets: string[]) => void) | undefined,
  delayScale: number,
  listener: PlayListener,
): PlayedConnection {
  const sid = `playback${Math.random().toString(36).slice(2, 12)}`;
  let sendFrames = frames;
  /** The WebSocket the page probes to upgrade this polling session to. */
  let probe: ((packets: string[]) => void) | undefined;
  /** The server's packets waiting for the page's next poll, and the poll waiting for them. */
  const queue: string[] = [];
  let wakePoll: () => void = () => undefined;
  const send = (packets: string[]) => {
    if (sendFrames) return sendFrames(packets);
    queue.push(...packets);
    wakePoll();
  };
  const ackOrder = new Map<string, number>();
  /** `event#order` → the ack id the page asked for with that emit. */
  const ackIds = new Map<string, string>();
  let seen = 0;
  let wake: () => void = () => undefined;
  let closed = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  /** One Engine.IO packet as text: its type digit and data. */
  const packetText = (message: RecordedMessage) =>
    'text' in message ? `4${message.text}` : `${recording.eio === 3 ? 'b4' : 'b'}${message.base64}`;

  /** A Socket.IO packet's type, ack id and event name, from its text. */
  function parseSocketIo(text: string) {
    const type = Number(text[0]);
    let at = type === 5 || type === 6 ? text.indexOf('-') + 1 : 1;
    if (text[at] === '/') {
      const comma = text.indexOf(',', at);
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
    return { type, ackId, event };
  }

  const open = {
    sid,
    upgrades: recording.upgrades ?? [],
    pingInterval: recording.pingInterval,
    pingTimeout: recording.pingTimeout,
  };
  const maxPayload = recording.maxPayload === undefined ? {} : { maxPayload: recording.maxPayload };
  send([`0${JSON.stringify({ ...open, ...maxPayload })}`]);
  const heartbeat = recording.eio === 4 ? setInterval(() => send(['2']), recording.pingInterval) : undefined;

  async function play() {
    for (const step of recording.server) {
      while (seen < step.afterPage && !closed) await new Promise<void>((resolve) => (wake = resolve));
      if (closed) return;
      if (step.gap * delayScale > 0) await sleep(step.gap * delayScale);
      if (closed) return;
      if ('messages' in step) send(step.messages.map(packetText));
      else sendAck(step.ack);
    }
    while (seen < recording.page.length && !closed) await new Promise<void>((resolve) => (wake = resolve));
    if (!closed) listener.finished();
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
    if (packet.event !== undefined && packet.type !== 0 && seen <= recording.page.length)
      listener.pageEvent(packet.event);
    wake();
    if (packet.ackId === '' || packet.event === undefined) return;
    const order = ackOrder.get(packet.event) ?? 0;
    ackOrder.set(packet.event, order + 1);
    ackIds.set(`${packet.event}#${order}`, packet.ackId);
    const recorded = recording.server.some(
      (step) => 'ack' in step && step.ack.event === packet.event && step.ack.order === order,
    );
    if (!recorded) listener.unanswered(packet.event);
  }

  /** A polling payload: packets separated by \x1e (EIO4), or each prefixed by its length and a colon (EIO3). */
  function receivePayload(body: string) {
    if (recording.eio === 4) return body.split('\x1e').forEach(receive);
    for (let at = 0; at < body.length;) {
      const colon = body.indexOf(':', at);
      const length = Number(body.slice(at, colon));
      if (colon < 0 || !(length >= 0)) return;
      receive(body.slice(colon + 1, colon + 1 + length));
      at = colon + 1 + length;
    }
  }

  async function nextPayload() {
    while (queue.length === 0 && !closed) await new Promise<void>((resolve) => (wakePoll = resolve));
    const packets = queue.length === 0 ? ['1'] : queue.splice(0);
    return recording.eio === 4 ? packets.join('\x1e') : packets.map((packet) => `${packet.length}:${packet}`).join('');
  }

  function receive(packet: string) {
    if (closed) return;
    if (packet === '2') send(['3']);
    else if (packet === '2probe' && probe) {
      probe(['3probe']);
      send(['6']); // the poll waiting, if any, returns: the page's client pauses polling before it upgrades
    } else if (packet === '2probe') send(['3probe']);
    else if (packet === '5' && probe) {
      sendFrames = probe;
      const waiting = queue.splice(0).filter((queued) => queued !== '6');
      if (waiting.length > 0) probe(waiting);
      wakePoll();
    } else if (packet[0] === '4') answer(packet.slice(1));
    else if (packet[0] === '1') stop();
  }

  function stop() {
    closed = true;
    clearInterval(heartbeat);
    timers.forEach((timer) => clearTimeout(timer));
    timers.clear();
    wake();
    wakePoll();
  }

  void play();
  const attachWebSocket = (sendWebSocket: (packets: string[]) => void) => void (probe = sendWebSocket);
  return { sid, attachWebSocket, receive, receivePayload, nextPayload, stop };
}
