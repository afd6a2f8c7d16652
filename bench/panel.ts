// Panel scale (issue 5): with 1,000,000 decoded packets, how long a filter takes, and whether the virtualized timeline
// renders as fast as with 1,000. Each figure is set against a baseline measured in the same run.
import { performance } from 'node:perf_hooks';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { Timeline } from '../src/panel/components/Timeline.tsx';
import { createSessionTracker } from '../src/panel/decode/sessions.ts';
import type { CapturedRow } from '../src/panel/store/capture.ts';
import { createColumnStore } from '../src/panel/store/columns.ts';
import { applyFilters, createFilterStore } from '../src/panel/store/filters.ts';
import type { TimelinePacket } from '../src/panel/store/timeline.ts';
import { installDom } from '../test/panel/dom.ts';
import { panelHeapPerPacket } from './panel-heap.ts';
import { summarize, table } from './stats.ts';

const PACKETS = 1_000_000;
const ROUNDS = 5;
const url = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket';

/** A million distinct packets of a chat: events both ways, one in ten acked, with their acks. */
function decodeMillion(): TimelinePacket[] {
  const tracker = createSessionTracker();
  const packets: TimelinePacket[] = [];
  const row = (seq: number, direction: 'sent' | 'received', text: string): CapturedRow => ({
    kind: 'record',
    key: `b:${seq}`,
    time: seq,
    frameId: 0,
    documentId: 'bench',
    record: {
      kind: 'frame',
      seq,
      time: seq,
      connection: 'ws1',
      transport: 'websocket',
      url,
      direction,
      payload: { text, size: text.length, truncated: false },
    },
  });
  let seq = 0;
  const push = (direction: 'sent' | 'received', text: string) => {
    for (const { session, packet } of tracker.add(row(seq++, direction, text)))
      packets.push({ kind: 'packet', session, packet, index: packets.length, row: seq - 1 });
  };
  push('received', '0{"sid":"bench","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
  for (let i = 0; packets.length < PACKETS; i++) {
    if (i % 10 === 0) {
      push('sent', `42${i}["question",{"n":${i},"text":"how are you ${i}?"}]`);
      push('received', `43${i}[{"answer":"fine ${i}"}]`);
    } else {
      push(i % 2 ? 'sent' : 'received', `42["chat message",{"user":"user${i % 97}","text":"message number ${i} 🎉"}]`);
    }
  }
  return packets.slice(0, PACKETS);
}

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export async function panelBench(): Promise<void> {
  heapBench(); // first: a heap of its own, before the million packets below
  console.log(`\nPanel scale (issue 5): ${PACKETS.toLocaleString('en')} decoded packets`);
  const started = performance.now();
  const packets = decodeMillion();
  console.log(
    `(decoding them took ${((performance.now() - started) / 1000).toFixed(1)} s; median of ${ROUNDS} rounds below)\n`,
  );

  const filters = createFilterStore();
  const filter = (setup: () => void) => () => {
    Object.assign(filters, createFilterStore());
    setup();
    return applyFilters(packets, filters).length;
  };
  const cases: [string, () => number][] = [
    ['chip Sent', filter(() => (filters.chips.value = new Set(['sent'])))],
    ['text "question"', filter(() => (filters.text.value = 'question'))],
    ['regex /fine 9\\d*7/', filter(() => (filters.text.value = '/fine 9\\d*7/'))],
    ['chip Errors', filter(() => (filters.chips.value = new Set(['errors'])))],
    ['fields event:question size>40', filter(() => (filters.text.value = 'event:question size>40'))],
    ['text "question", inverted', filter(() => ((filters.text.value = 'question'), (filters.invert.value = true)))],
  ];
  const baseline = () => packets.filter((entry) => entry.packet.direction === 'sent').length;
  const cold = time(cases[1][1]); // the first text filter: the regex and the loop not yet compiled by the JIT
  const rows = [['filter', 'ms (median)', 'vs a bare Array.filter on direction', 'verdict (under 100 ms)']];
  for (const [name, run] of cases) {
    const ms: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const base = time(baseline);
      const took = time(run);
      ms.push(took);
      ratios.push(took / base);
    }
    const median = summarize(ms).median;
    rows.push([name, median.toFixed(1), `${summarize(ratios).median.toFixed(1)}x`, median < 100 ? 'meets' : 'MISSES']);
  }
  console.log(table(rows));
  console.log(`first text filter (nothing cached: text packets are searched where they lie): ${cold.toFixed(0)} ms`);

  const dom = installDom();
  try {
    const columns = createColumnStore(undefined);
    const renderTime = (list: readonly TimelinePacket[]) => {
      const start = performance.now();
      const shown = { entries: list, total: list.length, origin: 0 };
      void act(() => render(h(Timeline, { shown, selected: undefined, columns, onSelect: () => undefined }), dom.root));
      const took = performance.now() - start;
      render(null, dom.root);
      return took;
    };
    const small = packets.slice(0, 1000);
    renderTime(small);
    renderTime(packets);
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) ratios.push(renderTime(packets) / renderTime(small));
    const rendered = (() => {
      const shown = { entries: packets, total: packets.length, origin: 0 };
      void act(() => render(h(Timeline, { shown, selected: undefined, columns, onSelect: () => undefined }), dom.root));
      const count = dom.root.querySelectorAll('.packet').length;
      render(null, dom.root);
      return count;
    })();
    const ratio = summarize(ratios);
    console.log(
      `\nTimeline render with ${PACKETS.toLocaleString('en')} packets vs with 1,000: ${ratio.median.toFixed(2)}x [${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}, n=${ratio.n}] (${rendered} rows in the DOM: only the rows in view)`,
    );
  } finally {
    await dom.cleanup();
  }
}

/** The panel's heap per packet beyond the raw texts (issue 15: goal at most 300 B), in this process's V8. */
function heapBench(): void {
  const { perPacket, rawPerPacket } = panelHeapPerPacket(PACKETS);
  console.log(
    `\nPanel heap with ${PACKETS.toLocaleString('en')} short chat packets captured and decoded: ${perPacket.toFixed(0)} B per packet beyond their raw text (${rawPerPacket.toFixed(0)} B each; goal at most 300 B: ${perPacket <= 300 ? 'meets' : 'MISSES'})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await panelBench();
