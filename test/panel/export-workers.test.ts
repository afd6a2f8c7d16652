// Sessions captured in a worker keep their worker through a *.sio.json file: the export names it, the import puts
// their rows in a worker's document (frame WORKER_FRAME_ID), and the sessions list names them after it again.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { WORKER_FRAME_ID, type WorkerInfo } from '../../src/messages';
import { App } from '../../src/panel/components/App';
import { exportCapture } from '../../src/panel/export/sio-json';
import { importCapture } from '../../src/panel/import';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { createPanelStores } from '../../src/panel/store';
import type { CapturedRow } from '../../src/panel/store/capture';
import { importFile } from '../../src/panel/store/file-actions';
import { workerOf } from '../../src/panel/workers/label';
import { useDom, catchUp } from './dom';
import { byRole } from './queries';
import { testContext } from './records';
import { capture, T0, text, type CaptureFrame } from './support/capture';
import { open, ws4 } from './support/sample-captures';

const dom = useDom();
const WORKER: WorkerInfo = { kind: 'dedicated', url: 'http://127.0.0.1:4000/chat-worker.js' };
const workerUrl = ws4.replace('EIO=4', 'EIO=4&from=worker');

const frame = (url: string, direction: 'sent' | 'received', payload: string): CaptureFrame => ({
  connection: url === ws4 ? 'page' : 'worker',
  url,
  direction,
  transport: 'websocket',
  payload: text(payload),
});

/** A session of the page and one of its dedicated worker, interleaved. */
function pageAndWorker(): CapturedRow[] {
  const rows = capture([
    frame(ws4, 'received', open('p1', [])),
    frame(workerUrl, 'received', open('w1', [])),
    frame(ws4, 'sent', '42["from page"]'),
    frame(workerUrl, 'sent', '421["from worker",{"n":1}]'),
    frame(workerUrl, 'received', '431["ok"]'),
  ]);
  return rows.map((row) =>
    row.kind === 'record' && row.record.connection === 'worker'
      ? { ...row, key: `w:${row.record.seq}`, documentId: 'w', frameId: WORKER_FRAME_ID }
      : row,
  );
}

const exportText = (rows: readonly CapturedRow[], worker: (documentId: string) => WorkerInfo | undefined) =>
  exportCapture(rows, new Date(T0), [], worker).join('');

describe('worker sessions in a *.sio.json file', () => {
  it('are exported with their worker, and imported into a worker document that exports the same again', () => {
    const file = exportText(pageAndWorker(), (id) => (id === 'w' ? WORKER : undefined));
    const exported = JSON.parse(file) as { sessions: { id: string; sid: string; worker?: WorkerInfo }[] };
    assert.deepEqual(
      exported.sessions.map(({ sid, worker }) => ({ sid, worker })),
      [
        { sid: 'p1', worker: undefined },
        { sid: 'w1', worker: WORKER },
      ],
    );

    const imported = importCapture(file, 'workers.sio.json');
    assert.ok(imported.ok);
    assert.deepEqual(imported.warnings, []);
    const [document] = imported.workerDocuments;
    assert.equal(imported.workerDocuments.length, 1);
    assert.deepEqual(document.worker, WORKER);
    const placed = imported.rows.map((row) =>
      row.kind === 'record'
        ? `${row.frameId} ${row.documentId === document.documentId ? 'worker' : row.documentId}`
        : '',
    );
    assert.deepEqual(placed, [
      '0 import:workers.sio.json',
      `${WORKER_FRAME_ID} worker`,
      '0 import:workers.sio.json',
      `${WORKER_FRAME_ID} worker`,
      `${WORKER_FRAME_ID} worker`,
    ]);
    const again = exportText(imported.rows, (id) => (id === document.documentId ? document.worker : undefined));
    assert.equal(again, file);
  });

  it('refuses a session whose worker is not a worker, and says so', () => {
    const file = JSON.parse(exportText(pageAndWorker(), (id) => (id === 'w' ? WORKER : undefined))) as {
      sessions: { worker?: unknown }[];
    };
    file.sessions[1].worker = { kind: 'audio', url: 'x' };
    const imported = importCapture(JSON.stringify(file), 'bad.sio.json');
    assert.ok(imported.ok);
    assert.deepEqual(imported.workerDocuments, []);
    assert.ok(imported.warnings.some((warning) => /session\(s\) skipped: malformed/.test(warning)));
  });

  it('are named after their worker in the sessions list once the file is imported', async () => {
    const file = exportText(pageAndWorker(), (id) => (id === 'w' ? WORKER : undefined));
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const stores = createPanelStores();
      await act(() => render(h(App, { context: testContext(createMemoryBridge().bridge), stores }), dom.root));
      await act(() => importFile(stores, new File([file], 'workers.sio.json')));
      await catchUp();
      const sessions = byRole(dom.root, 'navigation', 'Sessions');
      const lines = Array.from(sessions.querySelectorAll('button'), (button) => button.textContent ?? '');
      assert.equal(lines.length, 3);
      assert.equal(lines[0], 'All sessions');
      assert.match(lines[1], /top frame/);
      assert.match(lines[2], /dedicated worker · http:\/\/127\.0\.0\.1:4000\/chat-worker\.js/);
      const worker = [...stores.capture.documents.value.values()].find((known) => known.worker);
      assert.equal(worker?.frameId, WORKER_FRAME_ID);
      assert.deepEqual(workerOf(stores.capture, worker.documentId), WORKER);
    } finally {
      mock.timers.reset();
    }
  });
});
