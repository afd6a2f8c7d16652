// `npm run fuzz [-- --frames N --seed S]`: a million generated and mutated frames (by default) through the decoder
// and every panel formatter, export and re-import; prints what threw (the goal is nothing) and the slowest input.
import { parseArgs } from 'node:util';
import { installDom } from '../panel/dom';
import { fuzz } from './fuzz';

const { values } = parseArgs({
  options: { frames: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '20261204' } },
});
const frames = Number(values.frames);
const seed = Number(values.seed);
const dom = installDom();
const started = performance.now();
let reported = 0;
const report = fuzz({
  frames,
  seed,
  target: { root: dom.root, every: 500 },
  progress(done) {
    if (done - reported < 100_000) return;
    reported = done;
    console.log(`  ${done.toLocaleString('en')} frames, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  },
});
await dom.cleanup();
const seconds = (performance.now() - started) / 1000;
const count = (n: number) => n.toLocaleString('en');
console.log(
  `fuzz (seed ${seed}): ${count(report.frames)} frames in ${count(report.captures)} captures, ${count(report.packets)} packets, ${seconds.toFixed(0)} s`,
);
console.log(
  `  by source: ${Object.entries(report.bySource)
    .map(([source, n]) => `${source} ${count(n)} frames`)
    .join(', ')}`,
);
console.log(`  throws: ${count(report.throws)} (goal 0)`);
console.log(
  `  export → import → export differences: ${count(report.differences)} of ${count(report.captures)} captures`,
);
for (const failure of report.failures)
  console.log(
    `    [${failure.source}, ${failure.stage}, ${failure.kind}] ${failure.error}\n      input: ${failure.input}`,
  );
if (report.slowest)
  console.log(
    `  slowest capture: ${report.slowest.ms.toFixed(0)} ms (${report.slowest.source}, ${report.slowest.frames} frames): ${report.slowest.input}`,
  );
process.exitCode = report.throws === 0 ? 0 : 1;
