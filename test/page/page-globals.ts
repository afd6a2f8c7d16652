// The browser globals the page hook saves at install (src/page/natives.ts) that Node lacks, as inert stand-ins, so
// that the hook's pure parts run under node:test. Import it before any module of src/page.
const stand = globalThis as Record<string, unknown>;

/** A prototype whose every property reads as an accessor (natives.ts saves getters) or a method. */
const anyPrototype = new Proxy(
  {},
  {
    get: () => () => undefined,
    getOwnPropertyDescriptor: () => ({ get: () => undefined, configurable: true, enumerable: false }),
  },
);

/** A constructor standing in for a DOM interface: never constructed by the parts under test. */
function standIn(): unknown {
  const constructor = function () {
    throw new TypeError('a stand-in for a browser interface');
  };
  constructor.prototype = anyPrototype;
  return constructor;
}

const missing = [
  'Document',
  'MouseEvent',
  'CloseEvent',
  'WebSocket',
  'XMLHttpRequest',
  'HTMLScriptElement',
  'HTMLFormElement',
  'HTMLCollection',
  'HTMLTextAreaElement',
  'HTMLInputElement',
  'Node',
];
for (const name of missing) stand[name] ??= standIn();
stand.window ??= globalThis;
stand.document ??= {};
