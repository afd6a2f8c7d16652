// JSON checked without being built: whether a text is JSON exactly as JSON.parse reads it (RFC 8259: the four
// whitespace characters, no BOM, nesting to any depth, lone surrogates allowed), and where its tokens end.

const QUOTE = 34; /* " */
const BACKSLASH = 92; /* \ */

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Whether a character code is an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
}

/** The index of the first character at or after `i` that is not JSON whitespace. */
export function skipWhitespace(text: string, i: number): number {
  while (isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** The string token opening at `i` (a `"`): the index after its closing quote, or -1 when it is not JSON. */
export function stringEnd(text: string, i: number): number {
  for (i++; ;) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) {
      const e = text.charCodeAt(i + 1);
      if (e === 117 /* u */) {
        if (!isHex(text.charCodeAt(i + 2)) || !isHex(text.charCodeAt(i + 3))) return -1;
        if (!isHex(text.charCodeAt(i + 4)) || !isHex(text.charCodeAt(i + 5))) return -1;
        i += 6;
      } else if (
        e === QUOTE ||
        e === BACKSLASH ||
        e === 47 ||
        e === 98 ||
        e === 102 ||
        e === 110 ||
        e === 114 ||
        e === 116
      )
        i += 2;
      else return -1;
    } else if (c >= 0x20) i++;
    else return -1; // a control character, or the end of the text (NaN)
  }
}

/** The number token starting at `i`: the index after it, or -1 when it is not JSON. */
export function numberEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === 45 /* - */) i++;
  const first = text.charCodeAt(i);
  if (first === 48 /* 0 */) i++;
  else if (isDigit(first)) while (isDigit(text.charCodeAt(++i)));
  else return -1;
  if (text.charCodeAt(i) === 46 /* . */) {
    if (!isDigit(text.charCodeAt(++i))) return -1;
    while (isDigit(text.charCodeAt(++i)));
  }
  if ((text.charCodeAt(i) | 0x20) === 101 /* e */) {
    const sign = text.charCodeAt(++i);
    if (sign === 43 || sign === 45) i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    while (isDigit(text.charCodeAt(++i)));
  }
  return i;
}

/** `word` (true, false, null) at `i`: the index after it, or -1. */
function literalEnd(text: string, i: number, word: string): number {
  return text.startsWith(word, i) ? i + word.length : -1;
}

/** The scalar or the string at `i`: the index after it, or -1 (also for `{`, `[` and anything not JSON). */
function scalarEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return stringEnd(text, i);
  if (c === 116 /* t */) return literalEnd(text, i, 'true');
  if (c === 102 /* f */) return literalEnd(text, i, 'false');
  if (c === 110 /* n */) return literalEnd(text, i, 'null');
  return numberEnd(text, i);
}

/** Open containers of the value being checked, one byte each: 1 an object, 0 an array. Grows as deep values need. */
let open: Uint8Array = new Uint8Array(64);

/** Whether `text` from `start` to its end is one JSON value, as JSON.parse would read it without throwing. */
export function isJson(text: string, start = 0): boolean {
  let depth = 0;
  let i = skipWhitespace(text, start);
  for (;;) {
    // A value at i.
    let c = text.charCodeAt(i);
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (depth === open.length) open = growOpen(open);
      const object = c === 123;
      open[depth++] = object ? 1 : 0;
      i = skipWhitespace(text, i + 1);
      c = text.charCodeAt(i);
      if (c === (object ? 125 : 93)) {
        depth--;
        i++;
      } else if (object) {
        i = memberValueAt(text, i);
        if (i < 0) return false;
        continue;
      } else continue;
    } else {
      i = scalarEnd(text, i);
      if (i < 0) return false;
    }
    // After a value: a comma and the next one, or the close of containers.
    for (;;) {
      i = skipWhitespace(text, i);
      if (depth === 0) return i === text.length;
      c = text.charCodeAt(i);
      const object = open[depth - 1] === 1;
      if (c === 44 /* , */) {
        i = skipWhitespace(text, i + 1);
        if (object) i = memberValueAt(text, i);
        break;
      }
      if (c !== (object ? 125 : 93)) return false;
      depth--;
      i++;
    }
    if (i < 0) return false;
  }
}

/** An object member's key and colon at `i`: where its value begins, or -1. */
function memberValueAt(text: string, i: number): number {
  if (text.charCodeAt(i) !== QUOTE) return -1;
  i = skipWhitespace(text, stringEnd(text, i));
  if (text.charCodeAt(i) !== 58 /* : */) return -1;
  return skipWhitespace(text, i + 1);
}

function growOpen(stack: Uint8Array): Uint8Array {
  const grown = new Uint8Array(stack.length * 2);
  grown.set(stack);
  return grown;
}
