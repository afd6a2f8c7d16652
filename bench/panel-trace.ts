// The panel tab's main thread, from a Chromium trace (CDP Tracing, recorded through the panel's page): its work per
// frame, and what that work was made of (script, style, layout, paint, ...). The panel's renderer is the extension's
// process (its service worker runs there too, on a thread of its own): only its main thread is read.
import type { Page } from 'puppeteer-core';

const CATEGORIES = [
  '-*',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  /** µs */
  ts: number;
  dur?: number;
  /** µs of the thread's own CPU time (absent: taken as `dur`). */
  tdur?: number;
  args?: { name?: string; data?: { frames?: { url?: string; processId?: number }[] } };
}

/** The panel main thread's trace: its top-level tasks, its frames and the time of its work by kind. */
export interface PanelTrace {
  /**
   * Per frame (one BeginMainThreadFrame to the next), the main thread's busy time in it, ms: `wall` as the clock
   * goes (the time its tasks took, waits for a core included), `cpu` the thread's own CPU time.
   */
  frameWork: { wall: number[]; cpu: number[] };
  /** The top-level tasks' durations, ms (wall clock). */
  tasks: number[];
  /** CPU (thread) self time by event name (Layout, Paint, FunctionCall, ...), ms, over the whole trace. */
  byKind: Map<string, number>;
  /** Wall time the trace covered, ms. */
  spanMs: number;
  /** The main thread's CPU time over the trace, ms. */
  cpuMs: number;
}

export async function startPanelTrace(panel: Page): Promise<void> {
  await panel.tracing.start({ categories: CATEGORIES });
}

/** The extension renderer's pid and its main thread's tid. */
function panelThread(events: TraceEvent[], panelUrl: string): { pid: number; tid: number } | undefined {
  let pid: number | undefined;
  for (const event of events) {
    for (const frame of event.args?.data?.frames ?? [])
      if (frame.url === panelUrl && frame.processId) pid = frame.processId;
  }
  const main = events.find(
    (event) =>
      event.ph === 'M' && event.name === 'thread_name' && event.pid === pid && event.args?.name === 'CrRendererMain',
  );
  return pid !== undefined && main ? { pid, tid: main.tid } : undefined;
}

const cpu = (event: TraceEvent) => event.tdur ?? event.dur!;

/** CPU self time per event name: each complete event's time less its children's (events on one thread nest). */
function selfTimes(events: TraceEvent[]): Map<string, number> {
  const self = new Map<string, number>();
  const open: TraceEvent[] = [];
  const add = (name: string, us: number) => self.set(name, (self.get(name) ?? 0) + us / 1000);
  for (const event of events) {
    while (open.length && open.at(-1)!.ts + open.at(-1)!.dur! <= event.ts) open.pop();
    const parent = open.at(-1);
    add(event.name, cpu(event));
    if (parent) add(parent.name, -Math.min(cpu(event), cpu(parent)));
    open.push(event);
  }
  return self;
}

/** The top-level tasks: a task event inside another (Chromium nests two names for one task) counts once. */
function topLevelTasks(events: TraceEvent[]): TraceEvent[] {
  const tasks: TraceEvent[] = [];
  for (const event of events) {
    if (event.name !== 'RunTask' && event.name !== 'ThreadControllerImpl::RunTask') continue;
    const outer = tasks.at(-1);
    if (!outer || event.ts >= outer.ts + outer.dur!) tasks.push(event);
  }
  return tasks;
}

/** Per interval between frame starts, the tasks' wall and CPU time in it (a task across two shares its CPU time). */
function workPerFrame(tasks: TraceEvent[], frames: number[]): PanelTrace['frameWork'] {
  const work: PanelTrace['frameWork'] = { wall: [], cpu: [] };
  let task = 0;
  for (let i = 0; i + 1 < frames.length; i++) {
    const [start, end] = [frames[i], frames[i + 1]];
    while (task < tasks.length && tasks[task].ts + tasks[task].dur! <= start) task++;
    let [wall, thread] = [0, 0];
    for (let j = task; j < tasks.length && tasks[j].ts < end; j++) {
      const inside = Math.min(end, tasks[j].ts + tasks[j].dur!) - Math.max(start, tasks[j].ts);
      wall += inside;
      thread += (cpu(tasks[j]) * inside) / Math.max(1, tasks[j].dur!);
    }
    work.wall.push(wall / 1000);
    work.cpu.push(thread / 1000);
  }
  return work;
}

export async function stopPanelTrace(panel: Page): Promise<PanelTrace> {
  const buffer = await panel.tracing.stop();
  if (process.env.PANEL_TRACE_FILE) (await import('node:fs')).writeFileSync(process.env.PANEL_TRACE_FILE, buffer!);
  const { traceEvents } = JSON.parse(new TextDecoder().decode(buffer)) as { traceEvents: TraceEvent[] };
  const thread = panelThread(traceEvents, panel.url());
  if (!thread) throw new Error(`the trace has no main thread for ${panel.url()}`);
  const mine = traceEvents
    .filter((event) => event.pid === thread.pid && event.tid === thread.tid)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const complete = mine.filter((event) => event.ph === 'X' && event.dur !== undefined);
  const tasks = topLevelTasks(complete);
  const frames = mine.filter((event) => event.name === 'BeginMainThreadFrame').map((event) => event.ts);
  const first = mine.find((event) => event.ph !== 'M')?.ts ?? 0;
  const last = mine.reduce((end, event) => Math.max(end, event.ts + (event.dur ?? 0)), first);
  return {
    frameWork: workPerFrame(tasks, frames),
    tasks: tasks.map((event) => event.dur! / 1000),
    byKind: selfTimes(complete),
    spanMs: (last - first) / 1000,
    cpuMs: tasks.reduce((sum, event) => sum + cpu(event), 0) / 1000,
  };
}
