// The fuzzing loop shared by `npm run fuzz` (a million frames) and the unit test (ten thousand): captures from every
// source through every stage of the panel, counting the frames and packets, what threw, and the slowest capture.
import type { CaptureFrame } from '../panel/support/capture';
import { rng } from './mutate';
import { describeCapture, runCapture, type RenderTarget, type Stage } from './pipeline';
import { generatedCaptures, hostileCapture, mutatedCapture, type Source } from './sources';

export interface FuzzOptions {
  /** How many frames to push through (captures are taken whole, so a few more may go). */
  frames: number;
  seed: number;
  /** Where sampled packets' views are rendered (happy-dom), if anywhere. */
  target?: RenderTarget;
  /** Called after each capture with the frames done so far. */
  progress?: (frames: number) => void;
}

export interface FuzzFailure {
  source: Source;
  stage: Stage;
  kind: 'throw' | 'difference';
  error: string;
  input: string;
}

export interface FuzzReport {
  frames: number;
  packets: number;
  captures: number;
  bySource: Record<Source, number>;
  /** The first failures (throws and round-trip differences). */
  failures: FuzzFailure[];
  /** How many stages threw, in all (the goal is none). */
  throws: number;
  /** How many captures came back from export → import → export as another document. */
  differences: number;
  slowest: { ms: number; source: Source; frames: number; input: string } | undefined;
}

const KEPT_FAILURES = 20;
const GENERATED_CHUNK = 50;

export function fuzz({ frames, seed, target, progress }: FuzzOptions): FuzzReport {
  const next = rng(seed);
  const report: FuzzReport = {
    frames: 0,
    packets: 0,
    captures: 0,
    bySource: { mutated: 0, generated: 0, hostile: 0 },
    failures: [],
    throws: 0,
    differences: 0,
    slowest: undefined,
  };
  let generated: CaptureFrame[][] = [];
  let chunk = 0;
  while (report.frames < frames) {
    const pick = next();
    let source: Source;
    let input: CaptureFrame[];
    if (pick < 0.02) {
      source = 'hostile';
      input = hostileCapture(next);
    } else if (pick < 0.4) {
      source = 'generated';
      if (generated.length === 0) generated = generatedCaptures(seed + ++chunk, GENERATED_CHUNK);
      input = generated.pop()!;
    } else {
      source = 'mutated';
      input = mutatedCapture(next, 5 + Math.floor(next() * 35));
    }
    const started = performance.now();
    const result = runCapture(input, target, report.packets);
    const ms = performance.now() - started;
    report.frames += result.frames;
    report.packets += result.packets;
    report.captures++;
    report.bySource[source] += result.frames;
    for (const failure of result.failures) {
      if (failure.kind === 'throw') report.throws++;
      else report.differences++;
      if (report.failures.length < KEPT_FAILURES)
        report.failures.push({ source, ...failure, input: describeCapture(input) });
    }
    if (!report.slowest || ms > report.slowest.ms)
      report.slowest = { ms, source, frames: result.frames, input: describeCapture(input) };
    progress?.(report.frames);
  }
  return report;
}
