// Where the CPU goes during a browser run: the CPU time (user + system, from /proc) of each thread of a browser's
// processes, grouped by what the process is (the browser, the network service, the page's renderer, the extension's
// renderer: panel and service worker) and, in renderers, by thread (the main thread, the others by name). Read before
// and after a run, the difference says which process paid for it, and whether the 2 cores were the limit.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU seconds per `process kind / thread name`. */
export type CpuTimes = Map<string, number>;

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The parent pid and CPU seconds (utime + stime) of /proc/<pid>[/task/<tid>]/stat. */
function stat(path: string): { parent: number; seconds: number; name: string } | undefined {
  const text = read(path);
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const name = text.slice(text.indexOf('(') + 1, close);
  const fields = text.slice(close + 2).split(' ');
  return { parent: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, name };
}

/** What a Chromium process is, from its command line (which Chromium rewrites for its children, spaces between). */
function kind(pid: number, root: number): string {
  if (pid === root) return 'browser';
  const args = read(`/proc/${pid}/cmdline`).split(/[\0 ]/);
  const type = args.find((arg) => arg.startsWith('--type='))?.slice(7) ?? 'other';
  if (type === 'renderer') return args.includes('--extension-process') ? 'extension renderer' : 'page renderer';
  const sub = args.find((arg) => arg.startsWith('--utility-sub-type='))?.slice(19);
  if (sub?.includes('Network')) return 'network service';
  return type;
}

/** The pids under `root` (itself included). */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const info = stat(`/proc/${pid}/stat`);
    if (info) parents.set(pid, info.parent);
  }
  const found = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents)
      if (!found.has(pid) && found.has(parent)) {
        found.add(pid);
        grew = true;
      }
  }
  return [...found];
}

/**
 * The CPU seconds of every thread under the browser process `root`, keyed `kind / thread`; renderers of one kind add
 * up (a run opens new tabs, so a renderer may be new: its time before the run counts as 0).
 */
export function cpuTimes(root: number): CpuTimes {
  const times: CpuTimes = new Map();
  for (const pid of descendants(root)) {
    const what = kind(pid, root);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // gone since it was listed
    }
    for (const tid of tasks) {
      const info = stat(`/proc/${pid}/task/${tid}/stat`);
      if (!info) continue;
      const thread = tid === `${pid}` ? 'main thread' : info.name;
      const key = what.endsWith('renderer') ? `${what} / ${thread}` : what;
      times.set(key, (times.get(key) ?? 0) + info.seconds);
    }
  }
  return times;
}

/**
 * What each kind of thread spent between two readings, in seconds. Processes gone by `after` (a closed tab's) are
 * not counted; the bench reads `after` before closing anything.
 */
export function cpuSpent(before: CpuTimes, after: CpuTimes): CpuTimes {
  const spent: CpuTimes = new Map();
  for (const [key, seconds] of after) spent.set(key, Math.max(0, seconds - (before.get(key) ?? 0)));
  return spent;
}

/** The CPU seconds of this Node process (the bench, with its push server). */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
