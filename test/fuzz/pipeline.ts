// What the panel does with a capture, stage by stage, each stage's throw caught and reported: decoding, the raw
// frames view's line, the row summary, the preview, the JSON text, the JSON tree (its model walked to the depth the
// view stops at, and sometimes the component rendered), the hex views, and the export, its import and the export
// again, which must give the same document.
import { h, render } from 'preact';
import { childrenOf, findBinaries, jsonText, MAX_BINARIES, MAX_CHILDREN, MAX_DEPTH } from '../../src/panel/bounded';
import { HexView, hexText } from '../../src/panel/components/HexView';
import { JsonTree } from '../../src/panel/components/JsonTree';
import { decodeCapture } from '../../src/panel/decode/sessions';
import { packetSummary, previewValue } from '../../src/panel/format-packet';
import { describeRecord } from '../../src/panel/format';
import { importCapture } from '../../src/panel/import';
import type { Packet } from '../../src/protocol';
import { capture, exportText, type CaptureFrame } from '../panel/support/capture';

export type Stage = 'decode' | 'raw frame' | 'summary' | 'preview' | 'json' | 'tree' | 'hex' | 'render' | 'export';

export interface Failure {
  stage: Stage;
  /** `throw`: the stage threw; `difference`: export → import → export gave another document. */
  kind: 'throw' | 'difference';
  error: string;
}

/** Where components are rendered (a happy-dom element), when the run renders some. */
export interface RenderTarget {
  root: Element;
  /** Renders one packet's views in every `every`th packet. */
  every: number;
}

/** The most nodes of one value the tree walk visits, as a user expanding everything would, within the view's bounds. */
const MAX_TREE_NODES = 20_000;

function payloadOf(packet: Packet): unknown {
  return packet.args ?? packet.open ?? packet.data;
}

/** Walks a value's tree as the JSON tree shows it: children to MAX_CHILDREN, levels to MAX_DEPTH. */
function walkTree(value: unknown): number {
  let nodes = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0 && nodes < MAX_TREE_NODES) {
    const item = stack.pop()!;
    nodes++;
    if (typeof item.value !== 'object' || item.value === null || item.value instanceof Uint8Array) continue;
    if (item.depth >= MAX_DEPTH) continue;
    for (const [, child] of childrenOf(item.value, MAX_CHILDREN).entries)
      stack.push({ value: child, depth: item.depth + 1 });
  }
  return nodes;
}

/** Runs `stage`, recording what it throws. */
function attempt(failures: Failure[], stage: Stage, run: () => void): void {
  try {
    run();
  } catch (error) {
    failures.push({
      stage,
      kind: 'throw',
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
}

function formatPacket(packet: Packet, failures: Failure[], target: RenderTarget | undefined, index: number): void {
  const payload = payloadOf(packet);
  attempt(failures, 'summary', () => packetSummary(packet));
  attempt(failures, 'preview', () => previewValue(payload));
  attempt(failures, 'json', () => jsonText(payload));
  attempt(failures, 'tree', () => walkTree(payload));
  let binaries: Uint8Array[] = [];
  attempt(failures, 'hex', () => {
    binaries = findBinaries(payload, MAX_BINARIES).found.map(({ bytes }) => bytes);
    for (const bytes of binaries) hexText(bytes.subarray(0, 4096));
  });
  if (!target || index % target.every !== 0) return;
  attempt(failures, 'render', () => {
    render(
      h('div', null, [
        h(JsonTree, { value: payload }),
        ...binaries.slice(0, 4).map((bytes, at) => h(HexView, { bytes, label: `Binary ${at}` })),
        typeof packet.raw === 'string' ? null : h(HexView, { bytes: packet.raw, label: 'Raw bytes' }),
      ]),
      target.root,
    );
    render(null, target.root);
  });
}

export interface CaptureResult {
  frames: number;
  packets: number;
  failures: Failure[];
}

/** Everything the panel does with these frames. `packetsSeen` numbers packets across calls (for sampled renders). */
export function runCapture(frames: readonly CaptureFrame[], target?: RenderTarget, packetsSeen = 0): CaptureResult {
  const failures: Failure[] = [];
  const rows = capture(frames);
  for (const row of rows) if (row.kind === 'record') attempt(failures, 'raw frame', () => describeRecord(row.record));
  let packets: Packet[] = [];
  attempt(failures, 'decode', () => {
    packets = decodeCapture(rows).packets.map(({ packet }) => packet);
  });
  packets.forEach((packet, index) => formatPacket(packet, failures, target, packetsSeen + index));
  attempt(failures, 'export', () => {
    const file = exportText(rows);
    const imported = importCapture(file, 'fuzz.sio.json');
    if (!imported.ok) throw new Error(`the export does not import: ${imported.error}`);
    if (exportText(imported.rows) !== file)
      failures.push({ stage: 'export', kind: 'difference', error: 'export → import → export gives another document' });
  });
  return { frames: frames.length, packets: packets.length, failures };
}

/** A capture's frames as a short text, to say which input failed or was slowest. */
export function describeCapture(frames: readonly CaptureFrame[], maxChars = 300): string {
  const parts = frames.map(({ transport, direction, payload }) => {
    const data = payload.text ?? `base64:${payload.base64 ?? ''}`;
    return `${transport} ${direction}${payload.truncated ? ' (cut)' : ''}: ${data.length > 80 ? `${data.slice(0, 80)}… (${data.length} chars)` : data}`;
  });
  const text = parts.join(' | ');
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}
