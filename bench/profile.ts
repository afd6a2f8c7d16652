// Where our decoder's time goes: decodes the bench corpus with ours only (or the official parsers), under V8's
// sampling profiler, and prints the functions with the most self time, with their file and line. Ours does the row
// work (see decoder.ts), or with --checked each packet's error read too, with --full each packet's arguments read.
// Run: node --import tsx bench/profile.ts [--official] [--checked | --full] [--only TEXT] [--seconds N] [--lines]
import { Session } from 'node:inspector/promises';
import { loadDecoders } from './bundle.ts';
import { buildCorpus } from './corpus.ts';
import { table } from './stats.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  positionTicks?: { line: number; ticks: number }[];
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const official = args.includes('--official');
const checked = args.includes('--checked');
const full = args.includes('--full');
const only = option('--only');
const seconds = Number(option('--seconds') ?? 5);
const {
  protocol: { createSessionDecoder },
  official: { decodeOfficial },
} = await loadDecoders(option('--protocol'));
const workloads = buildCorpus().filter((w) => !only || `${w.category} ${w.name}`.includes(only));

function decodeAll(): void {
  for (const workload of workloads) {
    for (const session of workload.sessions) {
      if (official) {
        decodeOfficial(session);
        continue;
      }
      const decoder = createSessionDecoder({ url: session.url });
      for (const frame of session.frames) {
        for (const packet of decoder.push(frame)) {
          if (full) void packet.args;
          else if (checked) void packet.errorKind;
        }
      }
    }
  }
}

const inspector = new Session();
inspector.connect();
decodeAll(); // warm up
await inspector.post('Profiler.enable');
await inspector.post('Profiler.setSamplingInterval', { interval: 100 });
await inspector.post('Profiler.start');
const deadline = Date.now() + seconds * 1000;
let runs = 0;
while (Date.now() < deadline) {
  decodeAll();
  runs++;
}
const { profile } = (await inspector.post('Profiler.stop')) as { profile: { nodes: ProfileNode[] } };
inspector.disconnect();

const self = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  total += hits;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*\/(src|bench|node_modules|\.tmp)\//, '$1/')}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + hits);
}
// Hot lines of our bundle (.tmp/bench/protocol.mjs, readable: esbuild keeps a `// src/protocol/<file>.ts` comment
// above each module), or of the official parsers.
const lines = new Map<string, number>();
for (const node of profile.nodes) {
  const url = node.callFrame.url.replace(/^.*\/(node_modules|\.tmp)\//, '$1/');
  if (!url.startsWith(official ? 'node_modules' : '.tmp')) continue;
  for (const { line, ticks } of node.positionTicks ?? [])
    lines.set(`${url}:${line}`, (lines.get(`${url}:${line}`) ?? 0) + ticks);
}
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
console.log(
  `${official ? 'official parsers' : `ours (${full ? 'full work' : checked ? 'row work, checked' : 'row work'})`}: ${workloads.map((w) => w.name).join('; ')} — ${runs} runs in ${seconds} s`,
);
console.log(table([['function (self time)', '%'], ...top.map(([k, v]) => [k, ((100 * v) / total).toFixed(1)])]));
if (args.includes('--lines')) {
  const hot = [...lines].sort((a, b) => b[1] - a[1]).slice(0, 30);
  console.log(table([['line (self time)', '%'], ...hot.map(([k, v]) => [k, ((100 * v) / total).toFixed(1)])]));
}
