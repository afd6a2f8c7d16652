// A capture of a million rows (a million and one packets) exported, imported and exported again gives the same document: no step spreads
// a large array into a call (which throws past ~125,000 items) or recurses per row.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CapturedRow } from '../../src/panel/store/capture';
import { exportText, importText, T0, text, type CaptureFrame } from './support/capture';
import { open, polling4, ws4 } from './support/sample-captures';

const ROWS = 1_000_000;

/** A polling handshake (two packets), then WebSocket events both ways, one in ten asking for an ack that comes back. */
function millionRows(): CapturedRow[] {
  const frames: CaptureFrame[] = [
    {
      connection: 'p',
      url: `${polling4}&t=1`,
      direction: 'received',
      transport: 'polling',
      method: 'GET',
      status: 200,
      payload: text(`${open('big')}\x1e40{"sid":"n"}`),
    },
  ];
  const ws = `${ws4}&sid=big`;
  for (let i = 0; frames.length < ROWS; i++) {
    const direction = i % 2 ? 'received' : 'sent';
    const data = i % 10 === 0 ? `42${i}["ask",${i}]` : i % 10 === 1 ? `43${i - 1}[${i}]` : `42["tick",${i}]`;
    frames.push({ connection: 'w', url: ws, direction, transport: 'websocket', payload: text(data) });
  }
  return frames.map((frame, seq) => {
    const { method, status, ...rest } = frame;
    const time = T0 + seq;
    return {
      kind: 'record',
      key: `doc:${seq}`,
      time,
      frameId: 0,
      documentId: 'doc',
      record: { kind: 'frame', seq, time, ...rest, ...(method ? { method } : {}), ...(status ? { status } : {}) },
    };
  });
}

it('exports, imports and exports again a capture of 1,000,000 rows to the same document', () => {
  const rows = millionRows();
  const file = exportText(rows);
  const imported = importText(file);
  assert.equal(imported.length, rows.length);
  const again = exportText(imported);
  assert.equal(again.length, file.length);
  assert.ok(again === file, 'the same document');
  assert.equal((file.match(/"session":"s1"/g) ?? []).length, ROWS + 1);
});
