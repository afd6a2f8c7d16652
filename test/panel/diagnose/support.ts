// The diagnostics fixtures (test/fixtures/diagnose, recorded by test/apps/diagnose/record.ts) as the page hook would
// have reported them, and the problems the panel finds in them, through its own stores.
import { readFileSync } from 'node:fs';
import type { PageRecord } from '../../../src/messages';
import type { DiagnoseSettings, Problem } from '../../../src/panel/diagnose/types';
import { base64Payload, textPayload, toRows } from '../../../src/panel/import/rows';
import { createCaptureStore, loadCapture, type CapturedRow } from '../../../src/panel/store/capture';
import { createProblemsStore, syncProblems, type ProblemsStore } from '../../../src/panel/store/problems';
import { createTimelineStore, packetBySeq, syncTimeline, type TimelineStore } from '../../../src/panel/store/timeline';
import type { DiagnoseFixture } from '../../apps/diagnose/record';

const ORIGIN = 'http://127.0.0.1:3000';

export function loadDiagnoseFixture(name: string): DiagnoseFixture {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/diagnose/${name}.json`, import.meta.url), 'utf8'),
  ) as DiagnoseFixture;
}

/**
 * The fixture's frames and events as the hook's records, in time order (an event after the frames of its time): a
 * WebSocket's open record before its first frame or event, a close with its code (clean unless 1006), a failed
 * request as an error record.
 */
export function fixtureRecords(fixture: DiagnoseFixture): PageRecord[] {
  const items = [
    ...fixture.frames.map((frame) => ({ time: frame.time ?? 0, frame })),
    ...fixture.events.map((event) => ({ time: event.time, event })),
  ].sort((a, b) => a.time - b.time || ('frame' in a ? 0 : 1) - ('frame' in b ? 0 : 1));
  const opened = new Set<number>();
  const records: PageRecord[] = [];
  for (const item of items) {
    const source = 'frame' in item ? item.frame : item.event;
    const connection = `c${source.conn}`;
    const url = ORIGIN + source.url;
    const { transport } = source;
    const { time } = item;
    if (transport === 'websocket' && !opened.has(source.conn)) {
      opened.add(source.conn);
      records.push({ kind: 'open', connection, transport, url, time });
    }
    if ('frame' in item) {
      const { frame } = item;
      const payload = frame.text !== undefined ? textPayload(frame.text) : base64Payload(frame.base64 ?? '');
      if (!payload) throw new Error(`${fixture.name}: a frame of connection ${source.conn} is not base64`);
      records.push({
        kind: 'frame',
        connection,
        transport,
        url,
        direction: frame.direction,
        payload,
        time,
        ...(frame.method ? { method: frame.method } : {}),
        ...(frame.status !== undefined ? { status: frame.status } : {}),
      });
    } else if (item.event.kind === 'close') {
      const code = item.event.code ?? 1006;
      records.push({ kind: 'close', connection, transport, code, reason: '', wasClean: code !== 1006, time });
    } else records.push({ kind: 'error', connection, transport, message: 'request failed', time });
  }
  return records;
}

export function fixtureRows(name: string): CapturedRow[] {
  return toRows(fixtureRecords(loadDiagnoseFixture(name)), `${name}.json`);
}

export interface Diagnosed {
  problems: ProblemsStore;
  timeline: TimelineStore;
  list: Problem[];
}

/** Decodes the rows as the panel does (in batches of `batch` rows) and runs the rules over them. */
export function diagnose(
  rows: readonly CapturedRow[],
  batch = rows.length,
  settings: Partial<DiagnoseSettings> = {},
): Diagnosed {
  const capture = createCaptureStore();
  const timeline = createTimelineStore();
  const problems = createProblemsStore(settings);
  for (let end = Math.min(batch, rows.length); ; end = Math.min(end + batch, rows.length)) {
    loadCapture(capture, rows.slice(0, end), 'capture.json');
    // Appended rows keep the layout: the timeline and the rules take only the new ones.
    capture.layout = 0;
    syncTimeline(timeline, capture);
    syncProblems(problems, timeline, capture);
    if (end === rows.length) break;
  }
  return { problems, timeline, list: problems.diagnoser.list.problems };
}

export const POLLING_URL = `${ORIGIN}/socket.io/?EIO=4&transport=polling`;
export const WEBSOCKET_URL = `${ORIGIN}/socket.io/?EIO=4&transport=websocket`;

/** An open packet's text. */
export const openPacket = (sid: string, fields: Record<string, unknown> = {}) =>
  `0${JSON.stringify({ sid, upgrades: ['websocket'], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1e6, ...fields })}`;

/** A made-up capture, for what a recording cannot show: records added in time order. */
export function syntheticCapture() {
  const records: PageRecord[] = [];
  const frame = (
    connection: string,
    transport: 'polling' | 'websocket',
    url: string,
    direction: 'sent' | 'received',
    text: string,
    time: number,
    status?: number,
  ) => {
    const method = transport === 'polling' ? (direction === 'sent' ? 'POST' : 'GET') : undefined;
    const extra = { ...(method ? { method } : {}), ...(status !== undefined ? { status } : {}) };
    records.push({ kind: 'frame', connection, transport, url, direction, payload: textPayload(text), time, ...extra });
  };
  return {
    /** A WebSocket message of connection `connection` (its open record comes with its first message). */
    ws(connection: string, direction: 'sent' | 'received', text: string, time: number, url = WEBSOCKET_URL) {
      if (!records.some((record) => record.connection === connection))
        records.push({ kind: 'open', connection, transport: 'websocket', url, time });
      frame(connection, 'websocket', url, direction, text, time);
    },
    /** A polling body: a GET response (`received`, with its status) or a POST body (`sent`). */
    poll(
      connection: string,
      direction: 'sent' | 'received',
      text: string,
      time: number,
      url = POLLING_URL,
      status = 200,
    ) {
      frame(connection, 'polling', url, direction, text, time, direction === 'received' ? status : undefined);
    },
    open(connection: string, time: number, url = WEBSOCKET_URL) {
      records.push({ kind: 'open', connection, transport: 'websocket', url, time });
    },
    close(connection: string, code: number, time: number) {
      records.push({
        kind: 'close',
        connection,
        transport: 'websocket',
        code,
        reason: '',
        wasClean: code !== 1006,
        time,
      });
    },
    error(connection: string, transport: 'polling' | 'websocket', time: number) {
      records.push({ kind: 'error', connection, transport, message: 'failed', time });
    },
    rows: () =>
      toRows(
        records.map((record) => ({ ...record })),
        'synthetic.json',
      ),
  };
}

/** The problems of one rule. */
export const ofRule = (list: readonly Problem[], rule: Problem['rule']) =>
  list.filter((problem) => problem.rule === rule);

/** The packets a problem links, as decoded. */
export function linkedPackets({ timeline }: Diagnosed, problem: Problem) {
  return problem.packets.map((reference) => packetBySeq(timeline, reference.session, reference.seq)!.packet);
}
