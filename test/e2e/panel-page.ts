import type { Frame, Page } from 'puppeteer-core';
import { waitFor } from './wait';

export interface PanelRow {
  kind: string;
  /** The frame of the tab whose document captured it (0 = the top frame). */
  frameId: number;
  direction: string;
  transport: string;
  data: string;
}

/** The rows of the frames list now in the DOM, by their index in the table; none until the window in view is rendered. */
function readRenderedRows(panel: Page | Frame): Promise<[number, PanelRow][] | null> {
  return panel.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.frames-viewport');
    const table = viewport?.querySelector('table');
    if (!viewport || !table) return [];
    const rows = Array.from(table.tBodies[0].rows);
    const indices = rows.map((row) => Number(row.getAttribute('aria-rowindex')));
    // The window is rendered when its rows cover the viewport, or start or end the table where they do not.
    const view = viewport.getBoundingClientRect();
    const coversTop = rows.length > 0 && (indices[0] === 2 || rows[0].getBoundingClientRect().top <= view.top);
    const coversBottom =
      rows.length > 0 &&
      (indices.at(-1) === Number(table.getAttribute('aria-rowcount')) ||
        rows.at(-1)!.getBoundingClientRect().bottom >= view.bottom);
    if (!coversTop || !coversBottom) return null;
    return rows.map((row, at): [number, PanelRow] => [
      indices[at],
      {
        kind: row.classList.contains('navigation')
          ? 'navigation'
          : row.classList.contains('frame')
            ? 'frame'
            : (row.classList[1] ?? ''),
        direction: row.classList.contains('sent') ? 'sent' : row.classList.contains('received') ? 'received' : '',
        frameId: Number(row.getAttribute('data-frame-id') ?? 0),
        transport: row.querySelector('.transport')?.textContent ?? '',
        data: row.querySelector('.data')?.textContent ?? '',
      },
    ]);
  });
}

/** Scrolls the frames list to `top` (clamped by the browser) and returns where it is. */
function scrollFrames(panel: Page | Frame, top: number): Promise<{ top: number; height: number; end: number }> {
  return panel.evaluate((to) => {
    const viewport = document.querySelector<HTMLElement>('.frames-viewport');
    if (!viewport) return { top: 0, height: 0, end: 0 };
    viewport.scrollTop = to;
    viewport.dispatchEvent(new Event('scroll'));
    return { top: viewport.scrollTop, height: viewport.clientHeight, end: viewport.scrollHeight };
  }, top);
}

/**
 * The rows of the panel's "Raw frames" view (switched to if needed), as a user reads them: the list is virtualized
 * (only rows in view are in the DOM), so it is scrolled from top to bottom, each window read once rendered, and left
 * at the bottom, where it follows new rows again.
 */
export async function readPanelRows(panel: Page | Frame): Promise<PanelRow[]> {
  await panel.evaluate(() => {
    const tab = document.querySelector<HTMLButtonElement>('button[data-view="frames"]');
    if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
  });
  const rows = new Map<number, PanelRow>();
  for (let top = 0; ;) {
    const at = await scrollFrames(panel, top);
    const rendered = await waitFor(
      `the frames list to render its rows at ${at.top}px`,
      () => readRenderedRows(panel),
      (shown) => shown !== null,
    );
    for (const [index, row] of rendered!) rows.set(index, row);
    if (at.top + at.height >= at.end) break;
    top = at.top + at.height;
  }
  await scrollFrames(panel, Number.MAX_SAFE_INTEGER);
  return Array.from(rows.keys())
    .sort((a, b) => a - b)
    .map((index) => rows.get(index)!);
}

/** Waits until the panel shows a row that satisfies `predicate`, and returns it. */
export async function waitForPanelRow(
  panel: Page | Frame,
  what: string,
  predicate: (row: PanelRow) => boolean,
): Promise<PanelRow> {
  const rows = await waitFor(
    `the panel to show ${what}`,
    () => readPanelRows(panel),
    (rows) => rows.some(predicate),
  );
  return rows.find(predicate)!;
}

/** The part of a `*.sio.json` export that tests read. */
export interface ExportedCapture {
  format: string;
  version: number;
  sessions: { id: string; url: string; eio: number | null; sid: string | null; transports: string[] }[];
  packets: {
    session: string;
    time: number;
    direction: 'sent' | 'received';
    transport: string;
    eio: { type: string };
    sio?: {
      type: string;
      nsp: string;
      id?: string;
      event?: string | number;
      args?: unknown[];
      data?: unknown;
      attachments?: number;
    };
    error?: string;
    raw: unknown;
  }[];
}

/**
 * Clicks the panel's Export button and returns the `*.sio.json` it downloads, read from the Blob the panel hands to
 * `URL.createObjectURL` (the test stands in for the browser's download).
 */
export async function exportFromPanel(panel: Page | Frame): Promise<ExportedCapture> {
  const text = await panel.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with URL, and put back as it was
    const create = URL.createObjectURL;
    let exported: Blob | undefined;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      exported = blob as Blob;
      return create.call(URL, blob);
    };
    try {
      const button = Array.from(document.querySelectorAll('button')).find(
        (candidate) => candidate.textContent?.trim() === 'Export',
      );
      if (!button) throw new Error('no Export button');
      button.click();
    } finally {
      URL.createObjectURL = create;
    }
    if (!exported) throw new Error('the Export button made no file');
    return exported.text();
  });
  return JSON.parse(text) as ExportedCapture;
}
