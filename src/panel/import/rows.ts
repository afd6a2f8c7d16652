import type { FramePayload, PageRecord, RelayedRecord } from '../../messages';
import type { CapturedRow } from '../store/capture';

/** What an importer returns (the shape of `importCapture`). */
export type ImportResult = { ok: true; rows: CapturedRow[]; warnings: string[] } | { ok: false; error: string };

export const textPayload = (text: string): FramePayload => ({ text, size: text.length, truncated: false });

/** Bytes that base64 text stands for, counted without decoding it. */
export function base64Size(base64: string): number {
  let end = base64.length;
  while (end > 0 && base64.charCodeAt(end - 1) === 61 /* = */) end--;
  return Math.floor((end * 3) / 4);
}

export const base64Payload = (base64: string): FramePayload => ({ base64, size: base64Size(base64), truncated: false });

/**
 * The records as the capture store holds them: in time order (stable, so records of equal time keep the order the
 * importer produced them in), numbered from 0, in one document named after the file, in the top frame.
 */
export function toRows(records: PageRecord[], fileName: string): CapturedRow[] {
  let sorted = true;
  for (let i = 1; i < records.length && sorted; i++) if (records[i].time < records[i - 1].time) sorted = false;
  const ordered = sorted
    ? records
    : records
        .map((record, index) => ({ record, index }))
        .sort((a, b) => a.record.time - b.record.time || a.index - b.index)
        .map(({ record }) => record);
  const documentId = `import:${fileName}`;
  return ordered.map((page, seq) => {
    // The importers' own fresh objects: numbered in place rather than copied.
    const record: RelayedRecord = Object.assign(page, { seq });
    return { kind: 'record', key: `${documentId}:${seq}`, time: record.time, frameId: 0, documentId, record };
  });
}

/** Counts of things left out, summed into one warning each. */
export function createWarnings() {
  const counts = new Map<string, number>();
  return {
    add(what: string): void {
      counts.set(what, (counts.get(what) ?? 0) + 1);
    },
    list(): string[] {
      return [...counts].map(([what, count]) => `${count} ${what}`);
    },
  };
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
