// Files of export format version 1 (raws cut at the 64 KiB preview, problems as message text only) still import:
// each reads back to a capture whose version 1 export is the file again, and cut raws are rebuilt where they can be.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCapture } from '../../src/panel/decode/sessions';
import { buildExport } from '../../src/panel/export/sio-json';
import type { CapturedRow } from '../../src/panel/store/capture';
import { capture, exportText, importText, T0 } from './support/capture';
import {
  binaryAttachments,
  golden,
  longPackets,
  longUnrebuildable,
  malformedAndHttp,
  msgpackSession,
  RECORDINGS,
  unicodeUpgrade,
} from './support/sample-captures';

/** The file version 1 wrote for these rows: raws cut at the panel's preview, without version 2's fields. */
function version1File(rows: readonly CapturedRow[]): string {
  const { sessions, packets } = decodeCapture(rows);
  const document = buildExport(sessions, packets, new Date(T0));
  return JSON.stringify({
    ...document,
    version: 1,
    packets: document.packets.map((packet) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- left out: what version 2 added
      const { errorKind, httpStatus, completedAt, sio, ...rest } = packet;
      if (!sio) return rest;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- left out: what version 2 added
      const { attachmentsReceived, query, ...sio1 } = sio;
      return { ...rest, sio: sio1 };
    }),
  });
}

describe('import of a version 1 file', () => {
  const cases: [string, () => CapturedRow[]][] = [
    ['every recording of real servers', () => capture(RECORDINGS.flatMap((name) => golden(name)))],
    ['v3 bodies of several packets, unicode, an upgrade', () => capture(unicodeUpgrade())],
    ['binary attachments, complete, interrupted and never arriving', () => capture(binaryAttachments())],
    ['a msgpack session', () => capture(msgpackSession())],
    ['malformed packets, HTTP errors, the ok of a POST, an empty body', () => capture(malformedAndHttp())],
  ];
  for (const [what, rows] of cases) {
    it(`reads back to the same capture: ${what}`, () => {
      const file = version1File(rows());
      assert.equal((JSON.parse(file) as { version: number }).version, 1);
      assert.equal(version1File(importText(file)), file);
    });
  }

  it('rebuilds a long EVENT and ACK from their decoded fields, over WebSocket and v3 polling', () => {
    const rows = capture(longPackets());
    const file = version1File(rows);
    assert.equal((file.match(/"rawTruncated":true/g) ?? []).length, 3);
    const imported = importText(file);
    assert.equal(exportText(imported), exportText(rows), 'the whole packets again');
  });

  it('warns when a cut raw cannot be rebuilt (a long binary message, a long frame of a plain WebSocket)', () => {
    importText(version1File(capture(longUnrebuildable())), [
      '2 packet(s) whose raw the export cut could not be rebuilt and may decode differently',
    ]);
  });
});
