// fast-check generators for Engine.IO / Socket.IO packets: namespaces, ack ids, nested binary, unicode.
import fc from 'fast-check';

const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];

/** Unicode text including emoji and combining sequences, without the v4 payload separator. */
export const text = (maxLength = 24): fc.Arbitrary<string> =>
  fc.string({ unit: 'grapheme', maxLength }).filter((s) => !s.includes('\x1e'));

const key = fc.string({ unit: 'grapheme', maxLength: 8 }).filter((k) => k !== '__proto__' && k !== '_placeholder');

const leaf = fc.oneof(
  text(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

/** JSON values (no binary). */
export const json: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** JSON values with Uint8Array leaves at any depth. */
export const withBinary: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.uint8Array({ maxLength: 40 }),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 4 }),
  ),
})).v;

export const plainObject = fc.dictionary(key, json, { maxKeys: 4 });

export const namespace = fc.oneof(fc.constant('/'), fc.stringMatching(/^\/[a-zA-Z0-9_\-.]{1,12}$/));

export const ackId = fc.option(fc.oneof(fc.nat(1000), fc.maxSafeNat()), { nil: undefined });

export const eventName = fc.oneof(text(16), fc.nat()).filter((e) => !RESERVED.includes(e as string));

/** Event args: empty, unicode, nested binary. */
export const args = (binary = true): fc.Arbitrary<unknown[]> => fc.array(binary ? withBinary : json, { maxLength: 5 });
