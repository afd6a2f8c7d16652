// Benchmark 1 (issue 3): our session decoder against the official parsers on the same frames, in one process, two
// ways: the row work (what the timeline needs before it shows a row: a text EVENT/ACK's arguments stay in its wire
// text, unchecked) and the full work (the row work, then every packet's arguments read, as when all are shown,
// filtered or exported). Each round times the three on every workload, in back-to-back runs of rotating order; a
// round's ratio is ours/official throughput (= official time / our time, each side's fastest sample of the round); a
// workload's figure is the median of its per-round ratios, with their spread (min–max). A category's per-round figure
// is the geometric mean of its workloads' ratios in that round.
//
// Run: node --import tsx bench/decoder.ts [--category NAME] [--only TEXT] [--quick] [--rounds N] [--scale F]
//        [--protocol path/to/protocol/index.ts] [--json FILE] [--no-table]
// Without --category, every category runs in this one process (the JIT then sees every kind of traffic).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadDecoders } from './bundle.ts';
import { buildCorpus, CATEGORIES, type Category, type Workload } from './corpus.ts';
import { count, geomean, ratioText, summarize, table, type Summary } from './stats.ts';
import type { Packet } from '../src/protocol/index.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
/** Corpus size factor: --quick is 0.2. */
const scale = Number(option('--scale') ?? (quick ? 0.2 : 1));
const rounds = Number(option('--rounds') ?? (quick ? 3 : 5));
const category = option('--category');
const only = option('--only');
/** Shortest timed sample: a workload is repeated within one sample until it lasts about this long. */
const MIN_SAMPLE_MS = quick ? 20 : 40;
/** Back-to-back runs of the official parsers and of each work of ours, per workload and round. */
const PAIRS = 2;

/**
 * What our decoder does per packet: `row` the row work only; `checked` the row work, then the packet's error read
 * (which checks unchecked arguments without building them, as the panel's Problems rules do as packets come);
 * `full` the row work, then the arguments read (parsed).
 */
type Work = 'row' | 'checked' | 'full';
const WORKS: readonly Work[] = ['row', 'checked', 'full'];

/** What --json writes: per category and work, the summary of its per-round ratios. */
export type DecoderSummary = Partial<Record<Category, Record<Work, Summary>>>;

const {
  protocol: { createSessionDecoder },
  official: { decodeOfficial },
} = await loadDecoders(option('--protocol'));

/** Decodes a workload as `work` says; calls `each` per packet when given (untimed). Returns the number of packets. */
function runOurs(workload: Workload, work: Work, each?: (packet: Packet) => void): number {
  const full = work === 'full';
  const checked = work === 'checked';
  let packets = 0;
  for (const session of workload.sessions) {
    const decoder = createSessionDecoder({ url: session.url });
    for (const frame of session.frames) {
      for (const packet of decoder.push(frame)) {
        packets++;
        if (full) void packet.args;
        else if (checked) void packet.errorKind;
        each?.(packet);
      }
    }
    packets += decoder.flush().length;
  }
  return packets;
}

function runOfficial(workload: Workload): { packets: number; errors: number } {
  const result = { packets: 0, errors: 0 };
  for (const session of workload.sessions) decodeOfficial(session, result);
  return result;
}

function time(run: () => unknown, reps: number): number {
  const start = performance.now();
  for (let i = 0; i < reps; i++) run();
  return performance.now() - start;
}

interface Row {
  workload: Workload;
  frames: number;
  bytes: number;
  reps: number;
  /** Per round, each side's fastest sample (ms) and ours/official throughput. */
  ours: Record<Work, number[]>;
  official: number[];
  ratios: Record<Work, number[]>;
}

function prepare(workload: Workload): Row {
  // Both must decode the same packets, none flagged (every argument checked here); a difference is reported (it would
  // make the ratio meaningless).
  let flagged = 0;
  const packets = runOurs(workload, 'row', (packet) => {
    if (packet.error) flagged++;
  });
  const official = runOfficial(workload);
  if (packets !== official.packets || flagged || official.errors) {
    console.log(
      `⚠ ${workload.name}: ours ${packets} packets (${flagged} flagged), official ${official.packets} (${official.errors} errors)`,
    );
  }
  // Warm up (the count above was the first run), then size the sample so one lasts MIN_SAMPLE_MS.
  for (const work of WORKS) runOurs(workload, work);
  runOfficial(workload);
  const once = Math.min(
    time(() => runOurs(workload, 'row'), 1),
    time(() => runOfficial(workload), 1),
  );
  let frames = 0;
  let bytes = 0;
  for (const s of workload.sessions) {
    frames += s.frames.length;
    for (const f of s.frames)
      bytes += typeof f.official === 'string' ? Buffer.byteLength(f.official) : f.official.length;
  }
  return {
    workload,
    frames,
    bytes,
    reps: Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(once, 0.01))),
    ours: { row: [], checked: [], full: [] },
    official: [],
    ratios: { row: [], checked: [], full: [] },
  };
}

function measureRound(row: Row, round: number): void {
  // No forced GC between samples: a full GC shrinks V8's young generation, and the samples after it pay for growing
  // it again, which a decoder that runs on (the panel's) does not. Measured so, both sides ran at half speed, the
  // side that allocates more lost most, and the spread tripled.
  const sample = (run: () => unknown): number => time(run, row.reps) / row.reps;
  const runs: [Work | 'official', () => unknown][] = [
    ['official', () => runOfficial(row.workload)],
    ...WORKS.map((work): [Work, () => unknown] => [work, () => runOurs(row.workload, work)]),
  ];
  // PAIRS back-to-back runs of them all, in an order rotated each time; the round keeps each one's fastest sample
  // (the one least disturbed by other processes) and the ratios.
  const best = { row: Infinity, checked: Infinity, full: Infinity, official: Infinity };
  for (let pair = 0; pair < PAIRS; pair++) {
    const first = (round * PAIRS + pair) % runs.length;
    for (let k = 0; k < runs.length; k++) {
      const [name, run] = runs[(first + k) % runs.length];
      best[name] = Math.min(best[name], sample(run));
    }
  }
  row.official.push(best.official);
  for (const work of WORKS) {
    row.ours[work].push(best[work]);
    row.ratios[work].push(best.official / best[work]);
  }
}

const categories = category ? CATEGORIES.filter((c) => c === category) : CATEGORIES;
const corpus = buildCorpus(scale, categories).filter((w) => !only || `${w.category} ${w.name}`.includes(only));
if (corpus.length === 0) throw new Error(`no workload matches ${category ?? ''} ${only ?? ''}`);
const rows = corpus.map(prepare);
for (let round = 0; round < rounds; round++) for (const row of rows) measureRound(row, round);

const summaries: DecoderSummary = {};
const lines: string[][] = [
  [
    'workload',
    'frames',
    'MB',
    'official MB/s',
    'ours MB/s: row',
    'checked',
    'full',
    'ours/official: row work',
    'checked',
    'full work',
  ],
];
for (const name of new Set(rows.map((r) => r.workload.category))) {
  const inCategory = rows.filter((r) => r.workload.category === name);
  lines.push([`${name}:`, '', '', '', '', '', '', '', '', '']);
  for (const row of inCategory) {
    const mbps = (ms: number[]) => (row.bytes / 1e6 / (summarize(ms).median / 1000)).toFixed(1);
    lines.push([
      `  ${row.workload.name}`,
      count(row.frames),
      (row.bytes / 1e6).toFixed(2),
      mbps(row.official),
      ...WORKS.map((work) => mbps(row.ours[work])),
      ...WORKS.map((work) => ratioText(summarize(row.ratios[work]))),
    ]);
  }
  const perRound = (work: Work) =>
    summarize(Array.from({ length: rounds }, (_, r) => geomean(inCategory.map((row) => row.ratios[work][r]))));
  const summary = { row: perRound('row'), checked: perRound('checked'), full: perRound('full') };
  summaries[name] = summary;
  lines.push([`  = ${name}, geometric mean`, '', '', '', '', '', '', ...WORKS.map((work) => ratioText(summary[work]))]);
}
if (!args.includes('--no-table')) console.log(table(lines));
const json = option('--json');
if (json) writeFileSync(json, JSON.stringify(summaries));
