// Files that are not what they claim, rows that cannot be read, values nested beyond the stack: the import says what
// is wrong, flags what it could not read among the raw frames, and never throws.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FramePayload } from '../../src/messages';
import { importCapture } from '../../src/panel/import';
import { assertRoundTrip, binary, capture, text, type CaptureFrame } from './support/capture';
import { open, ws4 } from './support/sample-captures';

describe('import: bad input', () => {
  it('says what is wrong with a file it cannot read, never throws', () => {
    const cases: [string, RegExp][] = [
      ['not json {', /^a\.json is not JSON/],
      ['', /is not JSON/],
      ['[1,2]', /neither a \*\.sio\.json export .* nor a HAR file/],
      ['{"hello":"world"}', /neither/],
      ['null', /neither/],
      [
        '{"format":"sio-inspector","version":3,"sessions":[],"packets":[]}',
        /version 3, newer than this inspector reads \(version 2\)/,
      ],
      ['{"format":"sio-inspector","version":"1"}', /without a valid version/],
      ['{"format":"sio-inspector","version":1,"sessions":{}}', /without sessions and packets/],
    ];
    for (const [input, error] of cases) {
      const result = importCapture(input, 'a.json');
      assert.equal(result.ok, false, input);
      if (!result.ok) assert.match(result.error, error);
    }
  });

  for (const version of [1, 2]) {
    it(`flags the rows it cannot read among the raw frames, with a warning, and keeps the rest (version ${version})`, () => {
      const file = {
        format: 'sio-inspector',
        version,
        exportedAt: '2026-01-01T00:00:00.000Z',
        sessions: [{ id: 's1', url: 'ws://h/x', eio: null, sid: null, transports: ['websocket'] }, { id: 7 }],
        packets: [
          { session: 's1', time: 1, direction: 'sent', transport: 'websocket', eio: { type: 'websocket' }, raw: 'hi' },
          { session: 's9', time: 2, direction: 'sent', transport: 'websocket', eio: { type: 'websocket' }, raw: 'x' },
          { session: 's1', time: 3, direction: 'up', transport: 'websocket', eio: { type: 'websocket' }, raw: 'x' },
          {
            session: 's1',
            time: 4,
            direction: 'sent',
            transport: 'websocket',
            eio: { type: 'websocket' },
            raw: { $binary: '!!' },
          },
          'junk',
          ...(version === 2
            ? [
                {
                  session: 's1',
                  time: 5,
                  direction: 'sent',
                  transport: 'websocket',
                  eio: { type: 'websocket' },
                  raw: 'y',
                  error: 'x',
                  errorKind: 'cosmic-rays',
                },
              ]
            : []),
        ],
      };
      const result = importCapture(JSON.stringify(file), 'f.sio.json');
      assert.ok(result.ok);
      assert.deepEqual(
        result.rows.map((row) =>
          row.kind === 'record' && row.record.kind === 'error' ? row.record.message : row.kind,
        ),
        [
          'record',
          'not imported: packet 1 of the file (unknown session): {"session":"s9","time":2,"direction":"sent","transport":"websocket","eio":{"type":"websocket"},"raw":"x"}',
          'not imported: packet 2 of the file (no direction): {"session":"s1","time":3,"direction":"up","transport":"websocket","eio":{"type":"websocket"},"raw":"x"}',
          'not imported: packet 3 of the file (raw is neither text nor {"$binary": base64}): {"session":"s1","time":4,"direction":"sent","transport":"websocket","eio":{"type":"websocket"},"raw":{"$binary":"!!"}}',
          'not imported: packet 4 of the file (not an object): "junk"',
          ...(version === 2
            ? [
                'not imported: packet 5 of the file (unknown errorKind): {"session":"s1","time":5,"direction":"sent","transport":"websocket","eio":{"type":"websocket"},"raw":"y","error":"x","errorKind":"cosmic-rays"}',
              ]
            : []),
        ],
      );
      assert.deepEqual(result.warnings.sort(), [
        '1 packet(s) not imported: no direction',
        '1 packet(s) not imported: not an object',
        '1 packet(s) not imported: raw is neither text nor {"$binary": base64}',
        ...(version === 2 ? ['1 packet(s) not imported: unknown errorKind'] : []),
        '1 packet(s) not imported: unknown session',
        '1 session(s) skipped: malformed or duplicate id',
      ]);
    });
  }

  it('exports and imports the bytes of attachments that follow a binary header whose JSON is broken', () => {
    const received = (payload: FramePayload): CaptureFrame => {
      return { connection: 'b', url: ws4, direction: 'received', transport: 'websocket', payload };
    };
    const frames = [text(open('b', [])), text('451-["up",{'), binary(Uint8Array.of(1, 2, 3))].map(received);
    const { original } = assertRoundTrip(capture(frames));
    assert.match(original.packets[1].error ?? '', /not JSON/);
    assert.deepEqual(original.packets[2].raw, { $binary: 'AQID' }, 'the attachment, with its bytes');
  });

  it('exports and imports a packet whose args nest 100,000 arrays deep', () => {
    const depth = 100_000;
    const deep = `42["deep",${'['.repeat(depth)}${']'.repeat(depth)}]`;
    const { original } = assertRoundTrip(
      capture([
        { connection: 'w', url: ws4, direction: 'received', transport: 'websocket', payload: text(open('deep', [])) },
        { connection: 'w', url: ws4, direction: 'received', transport: 'websocket', payload: text(deep) },
        { connection: 'w', url: ws4, direction: 'sent', transport: 'websocket', payload: text('42["after"]') },
      ]),
    );
    assert.deepEqual(
      original.packets.map((p) => p.sio?.event),
      [undefined, 'deep', 'after'],
    );
    assert.equal(original.packets[1].raw, deep);
  });
});
