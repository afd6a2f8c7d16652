// The transparency probe (see index.html). Everything it records must be the same in two runs of the same browser,
// so it records no timings, only what a page can observe: values, identities, descriptors, errors and event orders.
// Each wait inside the probe is bounded and resolves on a condition; a wait that runs out is recorded as such.
'use strict';

(async () => {
  const base = location.origin;
  const wsBase = base.replace(/^http/, 'ws');
  const closedPort = document.body.dataset.closedPort;
  const EIO_WS = `${wsBase}/socket.io/?EIO=4&transport=websocket`;
  const RAW_WS = `${wsBase}/raw`;
  const eio = (extra = '') => `${base}/socket.io/?EIO=4&transport=polling${extra}`;
  const DEAD_EIO = `http://127.0.0.1:${closedPort}/socket.io/?EIO=4&transport=polling`;

  const windowMessages = [];
  addEventListener('message', (event) => windowMessages.push({ origin: event.origin, data: String(event.data) }));
  const unhandled = [];
  addEventListener('unhandledrejection', (event) => unhandled.push(event));

  // ---------------------------------------------------------------- helpers
  const tag = (value) => Object.prototype.toString.call(value);
  const source = (fn) => Function.prototype.toString.call(fn);

  function until(check, what, ms = 8000) {
    const deadline = Date.now() + ms;
    return new Promise((resolve) => {
      const tick = () => {
        if (check()) resolve('ok');
        else if (Date.now() > deadline) resolve(`timed out waiting for ${what}`);
        else setTimeout(tick, 5);
      };
      tick();
    });
  }

  function describeFn(fn) {
    if (typeof fn !== 'function') return fn === undefined ? 'undefined' : `not a function: ${typeof fn}`;
    // Own keys first: SpiderMonkey resolves a native's `length` and `name` lazily, in the order they are first used.
    const ownKeys = Reflect.ownKeys(fn).map(String);
    return { ownKeys, name: fn.name, length: fn.length, source: source(fn), string: String(fn) };
  }

  function describeValue(value) {
    if (typeof value === 'function') return describeFn(value);
    if (value === null || typeof value !== 'object') return { type: typeof value, value: typeof value === 'symbol' ? String(value) : value };
    return { type: 'object', tag: tag(value) };
  }

  function describeDescriptor(descriptor) {
    if (!descriptor) return null;
    const described = { enumerable: descriptor.enumerable, configurable: descriptor.configurable };
    if ('value' in descriptor) return { ...described, writable: descriptor.writable, value: describeValue(descriptor.value) };
    return { ...described, get: describeFn(descriptor.get), set: describeFn(descriptor.set) };
  }

  const describeOwn = (object) =>
    Reflect.ownKeys(object).map((key) => [String(key), describeDescriptor(Object.getOwnPropertyDescriptor(object, key))]);

  /** How `stack` is defined on an error object (its text is compared separately, see topOfStack). */
  function stackShape(descriptor) {
    if (!descriptor) return null;
    const { enumerable, configurable, writable } = descriptor;
    return { kind: 'value' in descriptor ? 'data' : 'accessor', enumerable, configurable, writable };
  }

  function describeError(error) {
    if (!(error instanceof Object)) return { thrownPrimitive: String(error) };
    return {
      tag: tag(error),
      constructor: error.constructor && error.constructor.name,
      name: error.name,
      message: error.message,
      code: error.code,
      isDOMException: error instanceof DOMException,
      isError: error instanceof Error,
      ownKeys: Reflect.ownKeys(error).map(String),
      ownStack: stackShape(Object.getOwnPropertyDescriptor(error, 'stack')),
    };
  }

  /** A stack without its asynchronous part, whose length depends on how many times the probe polled. */
  function topOfStack(stack) {
    const lines = String(stack).split('\n');
    const asynchronous = lines.findIndex((line) => line.includes('*') || /^\s*at async /.test(line));
    return (asynchronous === -1 ? lines : lines.slice(0, asynchronous)).join('\n');
  }

  /** Where each error comes from: its stack down to the probe's frame, and SpiderMonkey's file:line:column. */
  const stacks = {};
  const locations = {};
  function locate(name, error) {
    if (!name) return;
    stacks[name] = topOfStack(error && error.stack);
    locations[name] = error instanceof Object ? [error.fileName, error.lineNumber, error.columnNumber].join(':') : '';
  }
  function attempt(fn, stackName) {
    try {
      return { returned: describeValue(fn()) };
    } catch (error) {
      locate(stackName, error);
      return { threw: describeError(error) };
    }
  }

  async function settle(promise, stackName) {
    try {
      return { resolved: describeValue(await promise) };
    } catch (error) {
      locate(stackName, error);
      return { rejected: describeError(error) };
    }
  }

  const bytesOf = (buffer) => Array.from(new Uint8Array(buffer));

  async function describeData(data) {
    if (typeof data === 'string') return { string: data };
    if (data instanceof ArrayBuffer) return { arrayBuffer: bytesOf(data) };
    if (data instanceof Blob) return { blob: { size: data.size, type: data.type, bytes: bytesOf(await data.arrayBuffer()) } };
    return describeValue(data);
  }

  /** What a listener sees of an event; data is described later (a Blob must be read asynchronously). */
  function snapshot(event, self, socket) {
    const seen = {
      type: event.type,
      constructor: event.constructor.name,
      isTrusted: event.isTrusted,
      targetIsSocket: event.target === socket,
      currentTargetIsSocket: event.currentTarget === socket,
      thisIsSocket: self === socket,
      eventPhase: event.eventPhase,
      bubbles: event.bubbles,
      cancelable: event.cancelable,
      readyState: socket.readyState,
    };
    if (event instanceof MessageEvent) Object.assign(seen, { origin: event.origin, lastEventId: event.lastEventId, ports: event.ports.length, source: event.source });
    if (event instanceof CloseEvent) Object.assign(seen, { code: event.code, reason: event.reason, wasClean: event.wasClean });
    return { seen, data: event.data };
  }

  async function describeLog(log) {
    const described = [];
    for (const [label, { seen, data }] of log) described.push([label, seen, data === undefined ? 'no data' : await describeData(data)]);
    return described;
  }

  // ---------------------------------------------------------------- WebSocket: the interface
  function webSocketInterface() {
    const descriptorOfGlobal = Object.getOwnPropertyDescriptor(window, 'WebSocket');
    return {
      typeof: typeof WebSocket,
      tag: tag(WebSocket),
      fn: describeFn(WebSocket),
      globalDescriptor: describeDescriptor(descriptorOfGlobal),
      globalDescriptorValueIsWebSocket: descriptorOfGlobal.value === WebSocket,
      sameOnAllGlobals: window.WebSocket === WebSocket && globalThis.WebSocket === self.WebSocket,
      ownOfStatic: describeOwn(WebSocket),
      constants: ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].map((name) => [name, WebSocket[name], WebSocket.prototype[name]]),
      prototypeOfConstructorIsEventTarget: Object.getPrototypeOf(WebSocket) === EventTarget,
      prototypeOfPrototypeIsEventTargetPrototype: Object.getPrototypeOf(WebSocket.prototype) === EventTarget.prototype,
      prototypeConstructorIsWebSocket: WebSocket.prototype.constructor === WebSocket,
      prototypeOwn: describeOwn(WebSocket.prototype),
      send: describeFn(WebSocket.prototype.send),
      sendOnPrototypeIsSame: WebSocket.prototype.send === WebSocket.prototype.send,
      functionToString: describeFn(Function.prototype.toString),
      functionToStringOfItself: source(Function.prototype.toString),
      functionToStringOnNonFunction: attempt(() => Function.prototype.toString.call({}), 'functionToStringOnNonFunction'),
      constructWithBadUrl: attempt(() => new WebSocket('not a url'), 'constructWithBadUrl'),
      constructWithBadScheme: attempt(() => new WebSocket('ftp://127.0.0.1/'), 'constructWithBadScheme'),
      constructWithoutArguments: attempt(() => new WebSocket(), 'constructWithoutArguments'),
      constructWithDuplicateProtocols: attempt(() => new WebSocket(EIO_WS, ['chat', 'chat']), 'constructWithDuplicateProtocols'),
      constructWithBadProtocol: attempt(() => new WebSocket(EIO_WS, 'a b'), 'constructWithBadProtocol'),
      callWithoutNew: attempt(() => WebSocket(EIO_WS), 'callWithoutNew'),
      sendOnNonSocket: attempt(() => WebSocket.prototype.send.call({}, 'x'), 'sendOnNonSocket'),
      readyStateGetterOnPrototype: attempt(() => WebSocket.prototype.readyState, 'readyStateGetterOnPrototype'),
    };
  }

  // ---------------------------------------------------------------- WebSocket: one socket's life
  async function webSocketLife() {
    const log = [];
    const ws = new WebSocket(EIO_WS);
    const result = {
      instanceOf: ws instanceof WebSocket,
      prototypeIsWebSocketPrototype: Object.getPrototypeOf(ws) === WebSocket.prototype,
      constructorIsWebSocket: ws.constructor === WebSocket,
      tag: tag(ws),
      keys: Object.keys(ws),
      ownKeys: Reflect.ownKeys(ws).map(String),
      initial: { readyState: ws.readyState, url: ws.url, protocol: ws.protocol, extensions: ws.extensions, binaryType: ws.binaryType, bufferedAmount: ws.bufferedAmount },
      sendWhileConnecting: attempt(() => ws.send('too early'), 'sendWhileConnecting'),
      bufferedAmountAfterFailedSend: ws.bufferedAmount,
      onmessageInitially: ws.onmessage,
    };
    const listener = (label) => function (event) { log.push([label, snapshot(event, this, ws)]); };
    const onmessage = listener('onmessage');
    ws.onmessage = onmessage;
    result.onmessageRoundTrip = ws.onmessage === onmessage;
    ws.onmessage = 'not a function';
    result.onmessageAfterString = describeValue(ws.onmessage);
    ws.onopen = listener('onopen');
    ws.addEventListener('open', listener('open listener'));
    ws.addEventListener('message', listener('first message listener'));
    ws.onmessage = onmessage;
    const handler = {
      handleEvent(event) {
        const { seen, data } = snapshot(event, ws, ws);
        log.push(['handleEvent object', { seen: { ...seen, thisIsHandler: this === handler }, data }]);
      },
    };
    ws.addEventListener('message', handler);
    ws.addEventListener('message', listener('once listener'), { once: true });
    const removed = listener('removed listener');
    ws.addEventListener('message', removed);
    ws.removeEventListener('message', removed);
    ws.addEventListener('message', listener('last message listener'));
    ws.addEventListener('close', listener('close listener'));
    ws.onclose = listener('onclose');
    ws.onerror = listener('onerror');
    const lastSaw = (count) => () => log.filter(([label]) => label === 'last message listener').length >= count;

    result.opened = await until(() => ws.readyState !== WebSocket.CONNECTING, 'open');
    result.afterOpen = { readyState: ws.readyState, protocol: ws.protocol, extensions: ws.extensions, keys: Object.keys(ws) };
    ws.send('hello');
    result.bufferedAmountRightAfterSend = ws.bufferedAmount;
    result.hello = await until(lastSaw(1), 'the echo of hello');
    ws.send('again');
    result.again = await until(lastSaw(2), 'the echo of again');

    ws.binaryType = 'arraybuffer';
    ws.send('binary:16');
    result.arrayBuffer = await until(lastSaw(3), 'binary as an ArrayBuffer');
    ws.binaryType = 'blob';
    ws.send('binary:20');
    result.blob = await until(lastSaw(4), 'binary as a Blob');
    ws.send(new Blob([new Uint8Array([7, 8, 9]), 'blob text']));
    ws.send('text between blobs');
    ws.binaryType = 'arraybuffer';
    ws.send(new Uint8Array([1, 2, 3, 4, 5]).subarray(1, 4));
    ws.send(new Uint8Array([250, 251]).buffer);
    result.bufferedAmountAfterBinarySends = ws.bufferedAmount > 0;
    result.binaryEchoes = await until(lastSaw(8), 'the binary echoes');
    ws.binaryType = 'nonsense';
    result.binaryTypeAfterNonsense = ws.binaryType;

    result.closeWithBadCode = attempt(() => ws.close(1234), 'closeWithBadCode');
    result.closeWithLongReason = attempt(() => ws.close(1000, 'x'.repeat(124)), 'closeWithLongReason');
    ws.close(4000, 'done ✓');
    result.readyStateRightAfterClose = ws.readyState;
    result.closed = await until(() => ws.readyState === WebSocket.CLOSED && log.some(([label]) => label === 'onclose'), 'close');
    result.sendWhenClosed = attempt(() => ws.send('late'));
    result.bufferedAmountAfterSendWhenClosed = ws.bufferedAmount;
    result.keysAtEnd = Object.keys(ws);
    result.log = await describeLog(log);
    return result;
  }

  /** A socket the server closes, and one that cannot connect: the order of error and close events. */
  async function webSocketEndings() {
    const endings = {};
    for (const [name, url, first] of [['serverClose', EIO_WS, 'close:4001:bye'], ['failedConnection', `ws://127.0.0.1:${closedPort}/socket.io/?EIO=4&transport=websocket`]]) {
      const log = [];
      const ws = new WebSocket(url);
      for (const type of ['open', 'message', 'error', 'close']) {
        ws.addEventListener(type, function (event) { log.push([`${type} listener`, snapshot(event, this, ws)]); });
        ws[`on${type}`] = function (event) { log.push([`on${type}`, snapshot(event, this, ws)]); };
      }
      if (first) ws.addEventListener('open', () => ws.send(first));
      const done = await until(() => log.some(([label]) => label === 'onclose'), `${name} to close`);
      endings[name] = { done, log: await describeLog(log) };
    }
    return endings;
  }

  async function webSocketSubclass() {
    class ProbeSocket extends WebSocket {
      constructor(url, marker) {
        super(url);
        this.marker = marker;
      }
      greet() {
        this.send(`greetings from ${this.marker}`);
      }
    }
    const socket = new ProbeSocket(RAW_WS, 'subclass');
    const received = [];
    socket.onmessage = (event) => received.push(event.data);
    const result = {
      name: ProbeSocket.name,
      staticOpen: ProbeSocket.OPEN,
      parentIsWebSocket: Object.getPrototypeOf(ProbeSocket) === WebSocket,
      instanceOfSubclass: socket instanceof ProbeSocket,
      instanceOfWebSocket: socket instanceof WebSocket,
      prototype: Object.getPrototypeOf(socket) === ProbeSocket.prototype,
      constructorIsSubclass: socket.constructor === ProbeSocket,
      keys: Object.keys(socket),
      url: socket.url,
    };
    result.opened = await until(() => socket.readyState === WebSocket.OPEN, 'the subclass to open');
    socket.greet();
    result.echoed = await until(() => received.length === 1, 'the subclass echo');
    result.received = received;
    socket.close();
    result.closed = await until(() => socket.readyState === WebSocket.CLOSED, 'the subclass to close');
    result.reflectConstruct = attempt(() => {
      const other = Reflect.construct(WebSocket, [RAW_WS], ProbeSocket);
      const same = Object.getPrototypeOf(other) === ProbeSocket.prototype;
      other.close();
      return same;
    });
    return result;
  }

  // ---------------------------------------------------------------- XMLHttpRequest
  async function runXhr({ method = 'GET', url, responseType, body, contentType, sync = false, abort = false, reuse = false, Xhr = XMLHttpRequest }) {
    const events = [];
    const xhr = new Xhr();
    xhr.onreadystatechange = () => events.push(`readystatechange ${xhr.readyState}`);
    for (const type of ['loadstart', 'progress', 'load', 'loadend', 'abort', 'error', 'timeout']) {
      xhr.addEventListener(type, (event) => events.push(`${type}${event.lengthComputable ? ` ${event.loaded}/${event.total}` : ''}`));
    }
    let rounds = reuse ? 2 : 1;
    xhr.addEventListener('loadend', () => {
      if (--rounds > 0) {
        events.push('reopen');
        xhr.open(method, url);
        xhr.send(body);
      }
    });
    const outcome = {};
    outcome.open = attempt(() => xhr.open(method, url, !sync));
    if (responseType !== undefined) outcome.setResponseType = attempt(() => { xhr.responseType = responseType; });
    if (contentType) xhr.setRequestHeader('content-type', contentType);
    outcome.send = attempt(() => xhr.send(body));
    if (abort) xhr.abort();
    outcome.finished = await until(() => rounds === 0, 'loadend');
    // A response arriving in several chunks may raise LOADING/progress more than once: keep one of each run.
    outcome.events = events.filter((event, i) => !(i > 0 && events[i - 1] === event && /readystatechange 3|progress/.test(event)));
    Object.assign(outcome, {
      readyState: xhr.readyState,
      status: xhr.status,
      statusText: xhr.statusText,
      responseURL: xhr.responseURL,
      responseType: xhr.responseType,
      contentType: xhr.getResponseHeader('content-type'),
      keys: Object.keys(xhr),
    });
    const text = attempt(() => xhr.responseText);
    outcome.responseText = text.threw ? text : { returned: xhr.responseText };
    const response = xhr.response;
    outcome.response = response === null || typeof response !== 'object' || response instanceof ArrayBuffer || response instanceof Blob
      ? await describeData(response)
      : { json: JSON.stringify(response) };
    return outcome;
  }

  async function xhrProbe() {
    const prototype = XMLHttpRequest.prototype;
    class ProbeXhr extends XMLHttpRequest {
      constructor(marker) {
        super();
        this.marker = marker;
      }
    }
    const instance = new XMLHttpRequest();
    const sentTwice = new XMLHttpRequest();
    const subclassed = new ProbeXhr('subclass');
    const result = {
      constructor: {
        fn: describeFn(XMLHttpRequest),
        globalDescriptor: describeDescriptor(Object.getOwnPropertyDescriptor(window, 'XMLHttpRequest')),
        ownOfStatic: describeOwn(XMLHttpRequest),
        prototypeConstructorIsXhr: XMLHttpRequest.prototype.constructor === XMLHttpRequest,
        prototypeOfConstructor: Object.getPrototypeOf(XMLHttpRequest) === XMLHttpRequestEventTarget,
        instanceOf: instance instanceof XMLHttpRequest,
        prototypeOfInstance: Object.getPrototypeOf(instance) === XMLHttpRequest.prototype,
        instanceConstructor: instance.constructor === XMLHttpRequest,
        instanceKeys: Reflect.ownKeys(instance).map(String),
        callWithoutNew: attempt(() => XMLHttpRequest(), 'xhrCallWithoutNew'),
        subclass: {
          instanceOf: [subclassed instanceof ProbeXhr, subclassed instanceof XMLHttpRequest],
          prototype: Object.getPrototypeOf(subclassed) === ProbeXhr.prototype,
          keys: Object.keys(subclassed),
          parent: Object.getPrototypeOf(ProbeXhr) === XMLHttpRequest,
        },
      },
      open: describeFn(prototype.open),
      send: describeFn(prototype.send),
      prototypeOwn: describeOwn(prototype),
      sendBeforeOpen: attempt(() => new XMLHttpRequest().send(), 'xhrSendBeforeOpen'),
      openWithBadMethod: attempt(() => new XMLHttpRequest().open('bad method', eio()), 'xhrOpenWithBadMethod'),
      openWithForbiddenMethod: attempt(() => new XMLHttpRequest().open('CONNECT', eio()), 'xhrOpenWithForbiddenMethod'),
      openWithoutArguments: attempt(() => new XMLHttpRequest().open(), 'xhrOpenWithoutArguments'),
      openOnNonXhr: attempt(() => prototype.open.call({}, 'GET', eio()), 'xhrOpenOnNonXhr'),
      sendTwice: attempt(() => {
        sentTwice.open('GET', eio('&case=twice'));
        sentTwice.send();
        sentTwice.send();
      }, 'xhrSendTwice'),
      responseTypeOnSyncXhr: attempt(() => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', eio(), false);
        xhr.responseType = 'arraybuffer';
      }, 'xhrResponseTypeOnSync'),
      responseTypes: {},
    };
    result.sentTwiceCompletes = await until(() => sentTwice.readyState === XMLHttpRequest.DONE, 'the request sent twice');
    result.sentTwiceResponse = sentTwice.responseText;
    for (const responseType of ['', 'text', 'arraybuffer', 'blob', 'json']) {
      result.responseTypes[`handshake as '${responseType}'`] = await runXhr({ url: eio(`&case=${responseType || 'default'}`), responseType });
    }
    result.responseTypes['json as json'] = await runXhr({ url: eio('&type=json'), responseType: 'json' });
    result.responseTypes['binary as arraybuffer'] = await runXhr({ url: eio('&type=binary'), responseType: 'arraybuffer' });
    result.responseTypes['binary as blob'] = await runXhr({ url: eio('&type=binary'), responseType: 'blob' });
    result.responseTypes['binary as text'] = await runXhr({ url: eio('&type=binary') });
    result.posts = {
      string: await runXhr({ method: 'POST', url: eio(), body: '4hello ✓', contentType: 'text/plain;charset=UTF-8' }),
      arrayBuffer: await runXhr({ method: 'POST', url: eio(), body: new Uint8Array([4, 0, 255]).buffer, contentType: 'application/octet-stream', responseType: 'arraybuffer' }),
      typedArray: await runXhr({ method: 'POST', url: eio(), body: new Uint8Array([1, 2, 3, 4]).subarray(1, 3), contentType: 'application/octet-stream', responseType: 'arraybuffer' }),
      blob: await runXhr({ method: 'POST', url: eio(), body: new Blob(['blob ', new Uint8Array([104, 105])], { type: 'application/octet-stream' }), responseType: 'arraybuffer' }),
      formData: await runXhr({ method: 'POST', url: `${base}/plain`, body: new URLSearchParams({ a: '1' }) }),
    };
    result.subclassRequest = await runXhr({ url: eio('&case=subclass'), Xhr: ProbeXhr });
    result.sync = await runXhr({ url: eio('&case=sync'), sync: true });
    result.abort = await runXhr({ url: eio('&type=slow'), abort: true });
    result.reuse = await runXhr({ url: eio('&case=reuse'), reuse: true });
    result.networkError = await runXhr({ url: DEAD_EIO });
    result.notEngineIo = await runXhr({ url: `${base}/plain` });
    return result;
  }

  // ---------------------------------------------------------------- fetch
  async function describeResponse(response, read) {
    const described = {
      instanceOfResponse: response instanceof Response,
      status: response.status,
      statusText: response.statusText,
      ok: response.ok,
      type: response.type,
      url: response.url,
      redirected: response.redirected,
      contentType: response.headers.get('content-type'),
      bodyIsStream: response.body instanceof ReadableStream,
      bodyUsedBefore: response.bodyUsed,
      keys: Object.keys(response),
    };
    described.body = await settle(read(response).then((value) => (value instanceof ArrayBuffer ? bytesOf(value) : value)));
    described.bodyUsedAfter = response.bodyUsed;
    described.readAgain = await settle(response.text(), 'fetchReadAgain');
    return described;
  }

  async function readStream(response) {
    const reader = response.body.getReader();
    const chunks = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(...value);
    }
    return new TextDecoder().decode(new Uint8Array(chunks));
  }

  async function fetchProbe() {
    const fetchDescriptor = Object.getOwnPropertyDescriptor(window, 'fetch');
    const result = {
      fn: describeFn(fetch),
      globalDescriptor: describeDescriptor(fetchDescriptor),
      descriptorValueIsFetch: fetchDescriptor.value === fetch,
      windowFetchIsFetch: window.fetch === fetch && self.fetch === globalThis.fetch,
      onWindowPrototype: Object.getOwnPropertyDescriptor(Window.prototype, 'fetch') === undefined,
    };
    const promise = fetch(eio('&case=promise'));
    result.returnsPromise = { instanceOf: promise instanceof Promise, prototype: Object.getPrototypeOf(promise) === Promise.prototype, tag: tag(promise) };
    result.text = await describeResponse(await promise, (response) => response.text());
    result.binary = await describeResponse(await fetch(eio('&type=binary')), (response) => response.arrayBuffer());
    result.json = await describeResponse(await fetch(eio('&type=json')), (response) => response.json().then(JSON.stringify));
    result.stream = await describeResponse(await fetch(eio('&case=stream')), readStream);
    result.pageClone = await describeResponse(await fetch(eio('&case=clone')), (response) => {
      const copy = response.clone();
      return Promise.all([response.text(), copy.text()]);
    });
    result.postString = await describeResponse(await fetch(eio(), { method: 'POST', body: '4hello ✓', headers: { 'content-type': 'text/plain;charset=UTF-8' } }), (response) => response.text());
    result.postBlob = await describeResponse(await fetch(eio(), { method: 'POST', body: new Blob([new Uint8Array([1, 2, 3])], { type: 'application/octet-stream' }) }), (response) => response.arrayBuffer());
    result.postBuffer = await describeResponse(await fetch(eio(), { method: 'POST', body: new Uint8Array([9, 8, 7]), headers: { 'content-type': 'application/octet-stream' } }), (response) => response.arrayBuffer());

    const request = new Request(eio('&case=request'), { method: 'POST', body: '4from a Request', headers: { 'content-type': 'text/plain;charset=UTF-8' } });
    const withRequest = { bodyUsedBefore: request.bodyUsed };
    const sent = fetch(request);
    withRequest.bodyUsedRightAfterFetch = request.bodyUsed;
    withRequest.response = await describeResponse(await sent, (response) => response.text());
    withRequest.bodyUsedAfterResponse = request.bodyUsed;
    withRequest.fetchAgain = await settle(fetch(request), 'fetchRequestAgain');
    withRequest.clone = attempt(() => request.clone(), 'cloneUsedRequest');
    withRequest.readBody = await settle(request.text(), 'readUsedRequest');
    result.requestWithBody = withRequest;

    const getRequest = new Request(eio('&case=get-request'));
    result.requestWithoutBodyTwice = [
      await describeResponse(await fetch(getRequest), (response) => response.text()),
      await describeResponse(await fetch(getRequest), (response) => response.text()),
    ];
    const unread = new Request(eio('&case=clone-request'), { method: 'POST', body: '4cloned' });
    const unreadClone = unread.clone();
    result.requestClonedByPage = {
      response: await describeResponse(await fetch(unread), (response) => response.text()),
      cloneStillReadable: await settle(unreadClone.text()),
    };

    result.badUrl = await settle(fetch('http://['), 'fetchBadUrl');
    result.badUrlEngineIo = await settle(fetch('http://bad host/socket.io/?EIO=4&transport=polling'), 'fetchBadUrlEngineIo');
    result.networkError = await settle(fetch(DEAD_EIO), 'fetchNetworkError');
    result.noArguments = await settle(fetch(), 'fetchNoArguments');
    result.wrongThis = await settle(fetch.call({}, eio('&case=this')), 'fetchWrongThis');
    result.undefinedThis = await settle(fetch.call(undefined, eio('&case=undefined-this')).then((response) => response.text()));
    const controller = new AbortController();
    const aborted = fetch(eio('&type=slow'), { signal: controller.signal });
    controller.abort();
    result.aborted = await settle(aborted, 'fetchAborted');

    // A rejection the page leaves unhandled must still reach its unhandledrejection listeners.
    const before = unhandled.length;
    const orphan = fetch(DEAD_EIO);
    const reported = await until(() => unhandled.length > before, 'an unhandledrejection event');
    const event = unhandled[before];
    result.unhandledRejection = {
      reported,
      count: unhandled.length - before,
      promiseIsTheOnePageGot: event ? event.promise === orphan : null,
      reason: event ? describeError(event.reason) : null,
    };
    if (event) event.promise.catch(() => undefined);
    return result;
  }

  // ---------------------------------------------------------------- JSONP: script.src and form.submit
  async function jsonpProbe() {
    const result = {
      scriptSrc: describeDescriptor(Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src')),
      formSubmit: describeDescriptor(Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, 'submit')),
      submitOnNonForm: attempt(() => HTMLFormElement.prototype.submit.call({}), 'submitOnNonForm'),
      srcOnNonScript: attempt(() => { Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src').set.call({}, 'x'); }, 'srcOnNonScript'),
    };
    const received = [];
    const callback = function eioCallback(data) { received.push([data, this === window.___eio]); };
    window.___eio = [callback];
    const script = document.createElement('script');
    script.async = true;
    script.src = eio('&type=jsonp&j=0');
    result.srcReadBack = script.src;
    result.attribute = script.getAttribute('src');
    const loaded = new Promise((resolve) => { script.onload = () => resolve('load'); script.onerror = () => resolve('error'); });
    document.head.appendChild(script);
    result.scriptEvent = await loaded;
    result.received = received;
    result.callbackKeptAfterLoad = window.___eio[0] === callback;
    result.callbacks = window.___eio.length;
    script.remove();

    // A callback that throws: the error reaches the page's error listeners as it would without the hook.
    const errors = [];
    const onError = (event) => {
      errors.push({ message: event.message, at: `${event.filename}:${event.lineno}:${event.colno}`, error: describeError(event.error) });
      locate('jsonpCallbackError', event.error);
      event.preventDefault();
    };
    window.___eio.push(function throwing() { throw new Error('thrown by the page callback'); });
    addEventListener('error', onError);
    const failing = document.createElement('script');
    failing.src = eio('&type=jsonp&j=1');
    const failingLoaded = new Promise((resolve) => { failing.onload = () => resolve('load'); failing.onerror = () => resolve('error'); });
    document.head.appendChild(failing);
    result.throwingScriptEvent = await failingLoaded;
    removeEventListener('error', onError);
    result.throwingCallbackErrors = errors;
    result.throwingCallbackKept = window.___eio[1].name;
    failing.remove();

    const iframe = document.createElement('iframe');
    iframe.name = 'probe_jsonp_frame';
    document.body.appendChild(iframe);
    const form = document.createElement('form');
    form.action = eio('&j=0');
    form.method = 'POST';
    form.target = iframe.name;
    const area = document.createElement('textarea');
    area.name = 'd';
    area.value = '4hello\nworld ✓';
    form.appendChild(area);
    document.body.appendChild(form);
    result.submit = attempt(() => form.submit());
    result.frameLoaded = await until(() => {
      try {
        return iframe.contentWindow.location.pathname === '/socket.io/' && iframe.contentDocument.readyState === 'complete';
      } catch {
        return false;
      }
    }, 'the form response in the iframe');
    result.frameBody = iframe.contentDocument.body.textContent;
    form.remove();
    iframe.remove();
    return result;
  }

  // ---------------------------------------------------------------- nothing else changed
  function globalsAndNatives() {
    const interfaces = ['WebSocket', 'XMLHttpRequest', 'XMLHttpRequestEventTarget', 'EventTarget', 'Event', 'CustomEvent', 'MessageEvent',
      'HTMLScriptElement', 'HTMLFormElement', 'HTMLElement', 'Element', 'Node', 'Document', 'Window', 'Function', 'Object', 'Promise',
      'Request', 'Response', 'Headers', 'Blob', 'URL', 'URLSearchParams', 'TextDecoder', 'Performance', 'Array', 'String',
      'ReadableStream', 'WritableStream', 'WebTransport', 'WebTransportBidirectionalStream', 'WebTransportReceiveStream',
      'WebTransportSendStream'].filter((name) => typeof window[name] === 'function');
    const window_ = {};
    for (const name of Object.getOwnPropertyNames(window).sort()) {
      const descriptor = Object.getOwnPropertyDescriptor(window, name);
      window_[name] = 'value' in descriptor && typeof descriptor.value !== 'function'
        ? { enumerable: descriptor.enumerable, writable: descriptor.writable, configurable: descriptor.configurable, type: typeof descriptor.value }
        : describeDescriptor(descriptor);
    }
    return {
      window: window_,
      prototypes: Object.fromEntries(interfaces.map((name) => [name, describeOwn(window[name].prototype)])),
      statics: Object.fromEntries(['JSON', 'Reflect', 'Proxy', 'Promise', 'Object', 'Function'].map((name) => [name, describeOwn(window[name])])),
    };
  }

  // ---------------------------------------------------------------- run
  const result = {};
  const sections = { webSocketInterface, webSocketLife, webSocketEndings, webSocketSubclass, xhrProbe, fetchProbe, jsonpProbe };
  for (const [name, run] of Object.entries(sections)) {
    try {
      result[name] = await run();
    } catch (error) {
      result[name] = { probeFailed: describeError(error), stack: String(error && error.stack) };
    }
  }
  result.natives = globalsAndNatives();
  result.windowKeys = Object.keys(window);
  result.windowMessages = windowMessages;
  result.unhandledRejections = unhandled.length;
  // Requests aborted right after they start (type=slow) may or may not get an entry, with or without the hook.
  result.resources = performance.getEntriesByType('resource').map((entry) => `${entry.initiatorType} ${entry.name}`).filter((entry) => !entry.includes('type=slow')).sort();
  result.stacks = stacks;
  result.locations = locations;
  window.probeResult = JSON.stringify(result);
  document.getElementById('status').textContent = 'done';
})();
