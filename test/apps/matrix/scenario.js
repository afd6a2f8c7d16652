// The features of one matrix row, run by the page (index.html) and its iframe (frame.html) with the row's client.
// Every feature opens its own connection (forceNew), so that its packets are those of its own Engine.IO sessions.
/* global io */
(function () {
  'use strict';
  const TIMEOUT_MS = 10000;
  const bytes = (values) => new Uint8Array(values).buffer;
  const readable = (value) =>
    value instanceof ArrayBuffer || ArrayBuffer.isView(value)
      ? { bytes: Array.from(new Uint8Array(value.buffer || value, value.byteOffset || 0, value.byteLength)) }
      : Array.isArray(value) ? value.map(readable)
      : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, readable(item)]))
      : value;

  function within(what, promise) {
    return Promise.race([
      promise,
      new Promise((resolve, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS)),
    ]);
  }

  function once(socket, event) {
    return within(`'${event}'`, new Promise((resolve) => socket.once(event, (...args) => resolve(args))));
  }

  function emitWithAck(socket, event, ...args) {
    return within(`the ack of '${event}'`, new Promise((resolve) => socket.emit(event, ...args, (...reply) => resolve(reply))));
  }

  function options(params, transports, extra) {
    const result = { forceNew: true, reconnection: false, path: params.get('path') || '/socket.io' };
    const transport = params.get('transport');
    if (transport === 'websocket') result.transports = ['websocket'];
    if (transport === 'polling') result.transports = ['polling'];
    if (transport === 'jsonp') Object.assign(result, { transports: ['polling'], forceJSONP: true });
    if (transport === 'base64') result.forceBase64 = true;
    if (transports) result.transports = transports;
    if (window.ioParser) result.parser = window.ioParser;
    return Object.assign(result, extra);
  }

  /** A connected socket on `nsp` of a new connection, and that connection's sid. */
  async function connect(params, transports, nsp = '/', extra) {
    const socket = io(nsp, options(params, transports, extra));
    await once(socket, 'connect');
    return socket;
  }

  const sid = (socket) => socket.io.engine.id;

  const FEATURES = {
    async acks(params, transports) {
      const socket = await connect(params, transports);
      const [reply] = await emitWithAck(socket, 'echo', 'héllo 🎉 "quoted" \\ and\nnewline');
      socket.on('question', (question, answer) => answer(`answer to ${question}`));
      const answered = once(socket, 'answered');
      socket.emit('ask');
      const [answer] = await answered;
      socket.close();
      return { observed: { reply, answer }, sids: [sid(socket)] };
    },

    async binary(params, transports) {
      const socket = await connect(params, transports);
      const value = { list: [1, { bytes: bytes([1, 2, 3]) }], deep: { a: { b: { c: bytes([250, 251]) } } }, text: 'ü' };
      const reply = await emitWithAck(socket, 'nested', value, bytes([9]));
      socket.close();
      return { observed: readable(reply), sids: [sid(socket)] };
    },

    async namespaces(params, transports) {
      const root = await connect(params, transports);
      const admin = root.io.socket('/admin');
      await once(admin, 'connect');
      const [fromRoot] = await emitWithAck(root, 'echo', 'root');
      const [fromAdmin] = await emitWithAck(admin, 'echo', 'admin');
      admin.close();
      root.close();
      return { observed: { fromRoot, fromAdmin }, sids: [sid(root)] };
    },

    async refused(params, transports) {
      const socket = io('/private', options(params, transports));
      // Read when the connection opens: socket.io-client 4 closes it (and forgets its sid) on the refusal.
      let used;
      socket.io.once('open', () => (used = sid(socket)));
      // socket.io-client 3+ says so with 'connect_error', 1.x/2.x with 'error'.
      const refusal = await within('the refusal', new Promise((resolve) => {
        socket.once('connect_error', (error) => resolve(error.message));
        socket.once('error', (error) => resolve(typeof error === 'string' ? error : error.message));
      }));
      socket.close();
      return { observed: { refusal, connected: socket.connected }, sids: [used] };
    },

    async 'server-disconnect'(params, transports) {
      const socket = await connect(params, transports);
      const disconnected = once(socket, 'disconnect');
      const used = sid(socket);
      socket.emit('kick-me');
      const [reason] = await disconnected;
      return { observed: { reason }, sids: [used] };
    },

    async 'two-sockets'(params, transports) {
      const sockets = await Promise.all([connect(params, transports), connect(params, transports)]);
      const replies = await Promise.all(sockets.map((socket, index) => emitWithAck(socket, 'echo', `socket ${index}`)));
      const sids = sockets.map(sid);
      sockets.forEach((socket) => socket.close());
      return { observed: replies, sids };
    },

    async iframe() {
      const frame = document.createElement('iframe');
      const done = within('the iframe', new Promise((resolve) => addEventListener('message', function listener(event) {
        if (event.source !== frame.contentWindow) return;
        removeEventListener('message', listener);
        resolve(event.data);
      })));
      frame.src = `/frame${location.search}`;
      document.body.appendChild(frame);
      const result = await done;
      if (result.error) throw new Error(`in the iframe: ${result.error}`);
      return result;
    },

    async msgpack(params, transports) {
      const [acks, binary] = [await FEATURES.acks(params, transports), await FEATURES.binary(params, transports)];
      return { observed: { acks: acks.observed, binary: binary.observed }, sids: [...acks.sids, ...binary.sids] };
    },

    async recovery(params, transports) {
      const sids = [];
      const socket = io('/', options(params, transports, { reconnection: true, reconnectionDelay: 300, randomizationFactor: 0 }));
      socket.on('connect', () => sids.push(sid(socket)));
      await once(socket, 'connect');
      // An event first: the client asks for a recovery only with the offset of an event it received.
      const bye = once(socket, 'bye');
      socket.emit('leave-me');
      await bye;
      const missed = once(socket, 'missed');
      socket.io.engine.close();
      const [text] = await missed;
      const recovered = socket.recovered;
      socket.close();
      return { observed: { text, recovered }, sids };
    },
  };

  const RUNS = {
    default: ['acks', 'binary', 'namespaces', 'refused', 'server-disconnect', 'two-sockets', 'iframe'],
    msgpack: ['msgpack'],
    recovery: ['recovery'],
  };

  /** Runs the features of `params.get('run')` one after the other. */
  window.runMatrix = async function (params, transports) {
    const observed = {};
    const sessions = {};
    for (const feature of RUNS[params.get('run') || 'default']) {
      const result = await FEATURES[feature](params, transports).catch((error) => {
        throw new Error(`${feature}: ${error.message}`);
      });
      observed[feature] = result.observed;
      sessions[feature] = result.sids;
    }
    return { observed, sessions };
  };

  /** The iframe's part: acks on its own connection, posted to the parent page. */
  window.runFrame = function (params, transports) {
    FEATURES.acks(params, transports).then(
      (result) => parent.postMessage(result, location.origin),
      (error) => parent.postMessage({ error: String(error.message) }, location.origin),
    );
  };
})();
