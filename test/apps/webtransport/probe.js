// What a page can observe of WebTransport: interfaces, identities, classes, errors, close info and unhandled
// rejections; no timings. Serialised into window.probeResult (JSON text), compared with and without the extension.
'use strict';

(async () => {
  const result = {};
  const url = `https://127.0.0.1:${location.port}/socket.io/`;
  const options = {
    serverCertificateHashes: [
      { algorithm: 'sha-256', value: new Uint8Array(JSON.parse(document.body.dataset.certificateHash)) },
    ],
  };
  const unhandled = [];
  addEventListener('unhandledrejection', (event) => unhandled.push(String(event.reason?.constructor?.name)));
  const describe = (error) => `${error?.constructor?.name}: ${error?.message}`;
  const attempt = (run) => {
    try {
      return run();
    } catch (error) {
      return describe(error);
    }
  };
  const settle = (promise) => promise.then((value) => ['fulfilled', value], (error) => ['rejected', describe(error)]);
  const descriptor = (object, key) => Object.getOwnPropertyDescriptor(object, key);
  const source = (fn) => Function.prototype.toString.call(fn);

  const bidirectional = WebTransportBidirectionalStream.prototype;
  result.interface = {
    constructor: [source(WebTransport), WebTransport.name, WebTransport.length],
    prototypeConstructor: WebTransport.prototype.constructor === WebTransport,
    methods: ['createBidirectionalStream', 'close'].map((key) => source(WebTransport.prototype[key])),
    getters: ['readable', 'writable'].map((key) => [source(descriptor(bidirectional, key).get), descriptor(bidirectional, key).configurable]),
    illegalGetter: attempt(() => descriptor(bidirectional, 'readable').get.call({})),
    illegalCreate: await settle(Promise.resolve().then(() => WebTransport.prototype.createBidirectionalStream.call({}))),
    badUrl: attempt(() => new WebTransport('http://127.0.0.1/')),
    notConstructed: attempt(() => WebTransport(url)),
  };

  const session = new WebTransport(url, options);
  result.instance = [
    session instanceof WebTransport,
    Object.getPrototypeOf(session) === WebTransport.prototype,
    session.constructor === WebTransport,
    Reflect.ownKeys(session).length,
  ];
  await session.ready;
  const stream = await session.createBidirectionalStream();
  const { readable, writable } = stream;
  result.stream = {
    bidirectional: stream instanceof WebTransportBidirectionalStream,
    same: [stream.readable === readable, stream.writable === writable],
    readableClass: [Object.getPrototypeOf(readable).constructor.name, readable instanceof ReadableStream],
    writableClass: [Object.getPrototypeOf(writable).constructor.name, writable instanceof WritableStream],
    locked: [readable.locked, writable.locked],
    ownKeys: [Reflect.ownKeys(readable).length, Reflect.ownKeys(writable).length],
    tags: [Object.prototype.toString.call(readable), Object.prototype.toString.call(writable)],
  };
  result.subclassMembers = {
    receiveStats: typeof readable.getStats === 'function' ? await settle(readable.getStats().then((s) => Object.keys(s).sort().join())) : 'n/a',
    sendStats: typeof writable.getStats === 'function' ? await settle(writable.getStats().then((s) => Object.keys(s).sort().join())) : 'n/a',
    sendOrder: 'sendOrder' in writable ? attempt(() => ((writable.sendOrder = 3), writable.sendOrder)) : 'n/a',
  };
  result.byobReader = attempt(() => {
    const reader = readable.getReader({ mode: 'byob' });
    const name = reader.constructor.name;
    reader.releaseLock();
    return name;
  });
  const writer = writable.getWriter();
  result.writer = {
    desiredSize: writer.desiredSize,
    badWrite: await settle(writer.write('a string')),
    closedAfterBadWrite: await settle(writer.closed),
  };
  session.close({ closeCode: 7, reason: 'probe' });
  result.closed = await settle(session.closed.then((info) => JSON.stringify(info)));

  // Sessions that fail, with no handler at all (an unsafe port; a certificate the hashes do not name): whether the
  // page sees unhandled rejections must not change. Each is followed by a handled one that fails the same way; the
  // unhandled one may fail a little later (its own connection attempt), so the probe then waits until each unhandled
  // session's `ready` and `closed` were reported, or 5 s, and records what it saw.
  const wrongHash = { serverCertificateHashes: [{ algorithm: 'sha-256', value: new Uint8Array(32) }] };
  for (const [name, failing, init] of [['unsafe port', 'https://127.0.0.1:9/', options], ['wrong certificate', url, wrongHash]]) {
    result[`construct (${name})`] = attempt(() => (new WebTransport(failing, init), 'constructed'));
    const sentinel = attempt(() => new WebTransport(failing, init));
    if (typeof sentinel === 'object') {
      sentinel.ready.catch(() => undefined);
      result[`fails (${name})`] = await settle(sentinel.closed);
    }
  }
  const failing = 2;
  for (const deadline = Date.now() + 5000; unhandled.length < 2 * failing && Date.now() < deadline; )
    await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 0));
  result.unhandled = unhandled;
  window.probeResult = JSON.stringify(result);
  document.getElementById('status').textContent = 'done';
})().catch((error) => {
  window.probeResult = JSON.stringify({ probeFailed: `${error?.constructor?.name}: ${error?.message}` });
});
