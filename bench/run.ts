// `npm run bench`: builds the extension (the npm script does), then runs the three benchmarks; see bench/README.md.
// `npm run bench -- decoder|throughput|latency|heap|intercept|panel` runs one of them; `-- --quick` runs a shorter version of each;
// `-- --view raw` shows the panel's Raw frames in the browser benches' panel tab.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES } from './corpus.ts';
import type { DecoderSummary } from './decoder.ts';
import { ratioText, table, verdict } from './stats.ts';
import type { PanelView } from '../test/e2e/panel-page.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** `--rounds N`: the browser benches run N rounds (throughput) or runs (latency), for quicker looks while iterating. */
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Math.max(1, Number(args[roundsAt + 1]) || 1) : undefined;
/**
 * `--view raw`: the panel tab of the browser benches shows its Raw frames instead of Packets, the panel's default
 * view (the figures before 2026-12-05's second run were the Raw frames view's).
 */
const view: PanelView = args[args.indexOf('--view') + 1] === 'raw' ? 'Raw frames' : 'Packets';
const parts = ['decoder', 'throughput', 'latency', 'heap', 'intercept', 'panel'].filter((part) => args.includes(part));
const run = (part: string) => parts.length === 0 || parts.includes(part);

// Browser profiles and bundles stay in the workspace, as in CI.
const tmp = fileURLToPath(new URL('../.tmp/bench/', import.meta.url));
mkdirSync(tmp, { recursive: true });
process.env.TMPDIR ??= tmp;

const started = Date.now();
console.log(
  `Socket.IO Inspector bench — ${new Date().toISOString()}${quick ? ' (quick)' : ''}. Every figure is a ratio to a baseline measured in this run.`,
);

if (run('decoder')) {
  console.log(
    '\nDecoder throughput (issue 3): ours (createSessionDecoder().push, esbuild bundle as shipped) vs the official parsers',
  );
  console.log(
    `(node ${process.version}; per workload, the median of ${quick ? 3 : 5} interleaved rounds of ours/official throughput; >1 = ours faster)\n`,
  );
  // Each category in its own process (a clean heap, a JIT trained on that traffic only),
  // then all of them in one process, as the panel's one realm would decode every kind of traffic.
  const decoder = (extra: string[]): DecoderSummary => {
    const json = join(tmp, `decoder-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./decoder.ts', import.meta.url)),
        '--json',
        json,
        ...(quick ? ['--quick'] : []),
        ...extra,
      ],
      {
        stdio: 'inherit',
      },
    );
    if (child.status !== 0) {
      process.exitCode = child.status ?? 1;
      return {};
    }
    const summary = JSON.parse(readFileSync(json, 'utf8')) as DecoderSummary;
    rmSync(json);
    return summary;
  };
  const isolated: DecoderSummary = {};
  for (const category of CATEGORIES) Object.assign(isolated, decoder(['--category', category]));
  const mixed = decoder(['--no-table', '--rounds', '3', '--scale', quick ? '0.1' : '0.2']);
  const rows = [
    [
      'category',
      'row work, own process',
      'checked',
      'full work',
      'row work, all in one process',
      'checked',
      'full work',
      'verdict (row work, own process; target 1.0x, goal 1.5x)',
    ],
  ];
  for (const category of CATEGORIES) {
    const own = isolated[category];
    const all = mixed[category];
    const judged = category !== 'golden upgrade sessions';
    rows.push([
      category,
      ...(['row', 'checked', 'full'] as const).map((work) => (own ? ratioText(own[work]) : 'failed')),
      ...(['row', 'checked', 'full'] as const).map((work) => (all ? ratioText(all[work]) : 'failed')),
      own && judged ? verdict(own.row.median, 1.0, 1.5) : '(reported)',
    ]);
  }
  console.log('\nDecoder ratio by category (ours/official throughput):');
  console.log(table(rows));
}

if (run('throughput') || run('latency') || run('heap')) {
  const { heapBench, latencyBench, throughputBench } = await import('./page.ts');
  if (run('throughput')) {
    await throughputBench({
      ...(quick
        ? { events: 20_000, minRounds: 2, maxRounds: 2, budgetS: 0, steadyRounds: 1 }
        : rounds
          ? { events: 100_000, minRounds: rounds, maxRounds: rounds, budgetS: 0, steadyRounds: Math.min(rounds, 4) }
          : { events: 100_000, minRounds: 2, maxRounds: 15, budgetS: 400, steadyRounds: 4 }),
      view,
    });
  }
  if (run('latency')) {
    const steady = quick ? { rate: 5_000, seconds: 1, runs: 1 } : { rate: 5_000, seconds: 3, runs: rounds ?? 4 };
    await latencyBench({ ...steady, view });
    // The same, the stream beginning a second after the panel opened (its warm-up done), as a developer's session.
    await latencyBench({ ...steady, view, startAfterMs: 1_000 });
    // The panel's frames while it keeps up with 10,000 events/s (and its latency at that rate).
    await latencyBench({ rate: 10_000, seconds: quick ? 1 : 3, runs: 1, trace: true, view });
  }
  if (run('heap')) await heapBench({ events: 200_000, bytes: 200 });
}

if (run('intercept')) {
  const { interceptBench } = await import('./intercept.ts');
  await interceptBench({ ...(quick ? { events: 20_000, rounds: 2 } : { events: 100_000, rounds: 6 }), view });
}

if (run('panel')) {
  const { panelBench } = await import('./panel.ts');
  await panelBench();
}

console.log(`\nbench done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
