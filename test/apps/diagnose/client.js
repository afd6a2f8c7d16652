// What the client does in each misconfiguration scenario (servers.ts): its socket.io major, its options, and what it
// emits. One definition for the browser page (index.html, with the client bundle's global `io`) and for the
// recorder's Node clients (record.ts, with the npm client's `io`).

/** Quick reconnection, so that a test sees several attempts in seconds. */
const QUICK_RECONNECT = { reconnectionDelay: 200, reconnectionDelayMax: 1000 };

export const CLIENT_SCENARIOS = {
  /** Two servers behind a round-robin proxy: the requests of one session reach both. */
  sticky: { client: 4, options: QUICK_RECONNECT },
  /** socket.io-client 2.x (EIO 3) against socket.io 4 without allowEIO3. */
  'eio-mismatch': { client: 2, options: QUICK_RECONNECT },
  /** socket.io-client 4.x (EIO 4) against socket.io 2. */
  'eio-reverse': { client: 4, options: { ...QUICK_RECONNECT, transports: ['polling'] } },
  /** socket.io 4 that pings once, then never again (pingInterval 300, pingTimeout 200). */
  'silent-heartbeat': { client: 4, options: QUICK_RECONNECT },
  /** socket.io 2 that never answers the client's pings (pingInterval 300, pingTimeout 200). */
  'silent-heartbeat-v3': { client: 2, options: { ...QUICK_RECONNECT, transports: ['websocket'] } },
  /** An emit whose ack the server never calls, from a client that retries (ackTimeout 300, retries 2). */
  'unanswered-ack': {
    client: 4,
    options: { ackTimeout: 300, retries: 2 },
    run: (socket) => socket.on('connect', () => socket.emit('save', { id: 1, title: 'draft' })),
  },
  /** A namespace whose middleware refuses with an Error carrying data. */
  refused: { client: 4, namespace: '/admin', options: { auth: { token: 'expired' } } },
  /** A server that restarts shortly after each connection. */
  'restart-loop': { client: 4, options: QUICK_RECONNECT },
  /** A proxy that answers every WebSocket upgrade 400. */
  'upgrade-refused': { client: 4, options: {} },
  /** Payloads near and beyond the server's maxHttpBufferSize (10,000 bytes). */
  'max-payload': {
    client: 4,
    options: { transports: ['websocket'], reconnection: false },
    run: (socket) =>
      socket.once('connect', () => {
        socket.emit('upload', 'n'.repeat(9_500));
        socket.emit('upload', 'x'.repeat(20_000));
      }),
  },
  /** socket.io-client 2.x (which lets them through) emitting names socket.io 4 reserves. */
  'reserved-event': {
    client: 2,
    options: { transports: ['websocket'], reconnection: false },
    run: (socket) => socket.once('connect', () => socket.emit('disconnecting', 'bye')),
  },
  /** Connection state recovery replaying events the client already had (its offset set back, as a stale client). */
  'duplicate-offsets': {
    client: 4,
    options: { transports: ['websocket'], reconnectionDelay: 100 },
    run: (socket) => {
      const offsets = [];
      socket.on('tick', (_n, offset) => {
        offsets.push(offset);
        if (offsets.length !== 3 || socket.recovered) return;
        // After the client's own bookkeeping of this event, which sets _lastOffset to its offset.
        setTimeout(() => {
          socket._lastOffset = offsets[0];
          socket.io.engine.close();
        });
      });
    },
  },
};

/** Connects `io` (a socket.io client's `io` function) to `serverUrl` as scenario `name` says; returns the socket. */
export function runClientScenario(io, serverUrl, name) {
  const scenario = CLIENT_SCENARIOS[name];
  const socket = io(serverUrl + (scenario.namespace ?? ''), { forceNew: true, ...scenario.options });
  if (scenario.run) scenario.run(socket);
  return socket;
}
