// Captures as the capture store holds them, and their export → import → export round trip.
import assert from 'node:assert/strict';
import type { FramePayload, InterceptRecordMark, RelayedRecord } from '../../../src/messages';
import type { buildExport } from '../../../src/panel/export/sio-json';
import { exportCapture } from '../../../src/panel/export/sio-json';
import { importCapture } from '../../../src/panel/import';
import type { CapturedRow } from '../../../src/panel/store/capture';

/** One frame of a capture, as the page hook records it (its time comes from its place in the capture). */
export interface CaptureFrame {
  connection: string;
  url: string;
  direction: 'sent' | 'received';
  transport: 'polling' | 'websocket' | 'webtransport';
  payload: FramePayload;
  status?: number;
  method?: string;
  injected?: true;
  intercept?: InterceptRecordMark;
}

export const T0 = 1_764_093_600_000.25;

/** Rows in time order, numbered per document, 7.5 ms apart. */
export function capture(frames: readonly CaptureFrame[]): CapturedRow[] {
  return frames.map((frame, seq) => {
    const { status, method, injected, ...rest } = frame;
    const record: RelayedRecord = {
      kind: 'frame',
      seq,
      time: T0 + seq * 7.5,
      ...rest,
      ...(method === undefined ? {} : { method }),
      ...(status === undefined ? {} : { status }),
      ...(injected ? { injected } : {}),
    };
    return { kind: 'record', key: `doc:${seq}`, time: record.time, frameId: 0, documentId: 'doc', record };
  });
}

export const text = (value: string): FramePayload => ({ text: value, size: value.length, truncated: false });
export const binary = (bytes: Uint8Array): FramePayload => ({
  base64: Buffer.from(bytes).toString('base64'),
  size: bytes.length,
  truncated: false,
});

/** The text of the panel's export of these rows. */
export function exportText(rows: readonly CapturedRow[]): string {
  return exportCapture(rows, new Date(T0)).join('');
}

export type ExportDocument = ReturnType<typeof buildExport>;

/** The export of these rows, read back as JSON. */
export function exportOf(rows: readonly CapturedRow[]): ExportDocument {
  return JSON.parse(exportText(rows)) as ExportDocument;
}

/** Export → import: the rows read back, checked to be shaped as the capture store holds them. */
export function importText(file: string, warnings: string[] = []): CapturedRow[] {
  const imported = importCapture(file, 'capture.sio.json');
  assert.ok(imported.ok, imported.ok ? '' : imported.error);
  assert.deepEqual(imported.warnings, warnings);
  for (let seq = 0; seq < imported.rows.length; seq++) {
    const row = imported.rows[seq];
    assert.ok(row.kind === 'record' && row.documentId === 'import:capture.sio.json' && row.frameId === 0);
    assert.ok(row.key === `import:capture.sio.json:${seq}` && row.record.seq === seq && row.time === row.record.time);
    if (seq > 0) assert.ok(row.time >= imported.rows[seq - 1].time, 'rows in time order');
    if (row.record.kind === 'frame' && row.record.url.includes('EIO=')) assert.match(row.record.url, /transport=/);
  }
  return imported.rows;
}

/** Export → import → export gives the same document, character for character; returns the first export. */
export function assertRoundTrip(rows: readonly CapturedRow[]): { original: ExportDocument; rows: CapturedRow[] } {
  const file = exportText(rows);
  const imported = importText(file);
  const again = exportText(imported);
  if (again !== file) {
    assert.deepEqual(JSON.parse(again), JSON.parse(file), 'export → import → export differs');
    assert.fail('export → import → export: the same JSON in another text');
  }
  return { original: JSON.parse(file) as ExportDocument, rows: imported };
}
