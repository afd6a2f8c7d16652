// Panel heap (issue 15): what the panel holds per packet beyond the raw texts, with 1,000,000 short chat packets
// captured (their records parsed from batch text as the panel reads them, stored, decoded into the timeline).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { PageRecord, RelayedRecord } from '../src/messages.ts';
import { parsePageMessage } from '../src/page-batch.ts';
import { applyMessage, createCaptureStore } from '../src/panel/store/capture.ts';
import { createTimelineStore, syncTimeline } from '../src/panel/store/timeline.ts';
import { writeRecordsBatch } from '../src/written-batch.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const url = 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket';
/** Records per batch, as the hook's batches carry them at a high rate. */
const BATCH = 500;

/** The bytes V8 holds for a flat string's characters: one byte each, or two when one is beyond Latin-1. */
function textBytes(text: string): number {
  for (let at = 0; at < text.length; at++) if (text.charCodeAt(at) > 0xff) return 2 * text.length;
  return text.length;
}

/** A chat message of about 70 characters, either way. */
const chatText = (i: number) => `42["chat message",{"user":"user${i % 97}","text":"message number ${i} 🎉"}]`;

function batchText(from: number, count: number): string {
  const records: PageRecord[] = [];
  for (let i = from; i < from + count; i++) {
    const text = i === 0 ? '0{"sid":"bench","upgrades":[],"pingInterval":25000,"pingTimeout":20000}' : chatText(i);
    records.push({
      kind: 'frame',
      connection: 'ws1',
      transport: 'websocket',
      url,
      direction: i % 2 ? 'sent' : 'received',
      payload: { text, size: text.length, truncated: false },
      time: 1_764_000_000_000 + i,
    });
  }
  return writeRecordsBatch(records);
}

/** The panel's heap per packet beyond the raw texts, in bytes, with `packets` chat packets captured and decoded. */
export function panelHeapPerPacket(packets: number): { perPacket: number; rawPerPacket: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const capture = createCaptureStore();
  const timeline = createTimelineStore();
  timeline.maxEntries.value = packets;
  let raw = 0;
  for (let from = 0; from < packets; from += BATCH) {
    const { records } = parsePageMessage(batchText(from, Math.min(BATCH, packets - from)));
    const numbered = records as RelayedRecord[];
    numbered.forEach((record, at) => (record.seq = from + at));
    for (const record of numbered) if (record.kind === 'frame') raw += textBytes(record.payload.text ?? '') + 16;
    applyMessage(capture, {
      type: 'records',
      version: 1,
      tabId: 1,
      frameId: 0,
      documentId: 'doc',
      records: numbered,
      dropped: 0,
    });
    syncTimeline(timeline, capture);
  }
  if (timeline.entries.length !== packets) throw new Error(`${timeline.entries.length} entries, not ${packets}`);
  gc();
  const held = process.memoryUsage().heapUsed - before;
  // The stores stay reachable until measured.
  if (capture.rows.length + timeline.entries.length < packets) throw new Error('the stores let records go');
  return { perPacket: (held - raw) / packets, rawPerPacket: raw / packets };
}
