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

/**
 * The rows of the frames table now in the DOM, by their index in the table, read by their column headers; none until
 * the window in view is rendered.
 */
function readRenderedRows(panel: Page | Frame): Promise<[number, PanelRow][] | null> {
  return panel.evaluate(() => {
    const table = document.querySelector<HTMLTableElement>('table[aria-label="Captured frames"]');
    const viewport = table?.parentElement;
    if (!viewport || !table) return [];
    const headers = Array.from(table.tHead!.rows[0].cells, (cell) => cell.textContent ?? '');
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
    // (No named functions in here: the test runner's transpiler would wrap them in a helper the page lacks.)
    return rows.map((row, at): [number, PanelRow] => {
      // A navigation is one cell across the row after its time.
      if (row.cells.length === 2) {
        const data = row.cells[1].textContent ?? '';
        return [indices[at], { kind: 'navigation', direction: '', frameId: 0, transport: '', data }];
      }
      const [arrow, transport, frame, data] = ['Direction', 'Transport', 'Frame', 'Data'].map(
        (name) => row.cells[headers.indexOf(name)]?.textContent ?? '',
      );
      const direction = arrow === '↑' ? 'sent' : arrow === '↓' ? 'received' : '';
      const kind = direction ? 'frame' : (/^[a-z]+/.exec(data)?.[0] ?? '');
      return [indices[at], { kind, direction, frameId: frame === 'top' ? 0 : Number(frame), transport, data }];
    });
  });
}

/** Scrolls the frames list to `top` (clamped by the browser) and returns where it is. */
function scrollFrames(panel: Page | Frame, top: number): Promise<{ top: number; height: number; end: number }> {
  return panel.evaluate((to) => {
    const viewport = document.querySelector<HTMLElement>('table[aria-label="Captured frames"]')?.parentElement;
    if (!viewport) return { top: 0, height: 0, end: 0 };
    viewport.scrollTop = to;
    viewport.dispatchEvent(new Event('scroll'));
    return { top: viewport.scrollTop, height: viewport.clientHeight, end: viewport.scrollHeight };
  }, top);
}

/** The panel's two views of the traffic (its tabs): the decoded timeline, the panel's default, and the raw frames. */
export type PanelView = 'Packets' | 'Raw frames';

/** Switches the panel to the view (tab) of this name, if it is not shown. */
export async function showView(panel: Page | Frame, name: PanelView): Promise<void> {
  await panel.evaluate((wanted) => {
    const tab = Array.from(document.querySelectorAll<HTMLElement>('[role="tab"]')).find(
      (candidate) => candidate.textContent === wanted,
    );
    if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
  }, name);
}

/**
 * The rows of the panel's "Raw frames" view (switched to if needed), as a user reads them: the list is virtualized
 * (only rows in view are in the DOM), so it is scrolled from top to bottom, each window read once rendered, and left
 * at the bottom, where it follows new rows again.
 */
export async function readPanelRows(panel: Page | Frame): Promise<PanelRow[]> {
  await showView(panel, 'Raw frames');
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
  sessions: {
    id: string;
    url: string;
    eio: number | null;
    sid: string | null;
    transports: string[];
    worker?: { kind: string; url: string };
  }[];
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
    intercept?: { mark: string; heldMs: number; original?: { text?: string } };
  }[];
}

/**
 * Clicks the panel's button `name` (Export, Export HAR) and returns the text of the file it downloads, read from the
 * Blob the panel hands to `URL.createObjectURL` (the test stands in for the browser's download).
 */
export function downloadFromPanel(panel: Page | Frame, name: string): Promise<string> {
  return panel.evaluate(async (wanted) => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with URL, and put back as it was
    const create = URL.createObjectURL;
    const button = Array.from(document.querySelectorAll('button')).find(
      (candidate) => candidate.textContent?.trim() === wanted,
    );
    if (!button) throw new Error(`no ${wanted} button`);
    // The file is made in the click's task, or once the records the page kept for a held flood came (a second or
    // two: store/catch-up.ts; a panel in a background tab looks for them once a second). Without one in 30 s, the
    // panel says what went wrong.
    const made = new Promise<Blob | undefined>((resolve) => {
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        resolve(blob as Blob);
        return create.call(URL, blob);
      };
      setTimeout(() => resolve(undefined), 30_000);
    });
    let exported: Blob | undefined;
    try {
      button.click();
      exported = await made;
    } finally {
      URL.createObjectURL = create;
    }
    if (!exported) {
      const said = Array.from(document.querySelectorAll('[role="status"]'), (status) => status.textContent).join(' ');
      throw new Error(`the ${wanted} button made no file (the panel says: ${said})`);
    }
    return exported.text();
  }, name);
}

/** Clicks the panel's Export button and returns the `*.sio.json` it downloads. */
export async function exportFromPanel(panel: Page | Frame): Promise<ExportedCapture> {
  return JSON.parse(await downloadFromPanel(panel, 'Export')) as ExportedCapture;
}

/** Imports `text` as the file `fileName` through the panel's Import button (the test stands in for the picker). */
export async function importIntoPanel(panel: Page | Frame, text: string, fileName: string): Promise<string> {
  await panel.evaluate(
    (content, name) => {
      const input = document.querySelector<HTMLInputElement>('input[aria-label="Import"]')!;
      const files = new DataTransfer();
      files.items.add(new File([content], name, { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    text,
    fileName,
  );
  return waitFor(
    'the import notice',
    () =>
      panel.evaluate(() =>
        Array.from(document.querySelectorAll('[role="status"]'), (status) => status.textContent ?? '').join('|'),
      ),
    (said) => said.includes('Imported') || said.includes('Import failed'),
  );
}

/** A row of the Packets grid as the user reads it: its cells by column header, and its flags (Error, Injected, …). */
export interface PacketRow {
  /** The row's place in the grid (the header row is 1). */
  rowIndex: number;
  type: string;
  name: string;
  data: string;
  flags: string[];
}

/** The rows of the Packets grid now rendered (the panel tests use a tall viewport, so all of a small capture). */
export function readPacketRows(panel: Page | Frame): Promise<PacketRow[]> {
  return panel.evaluate(() => {
    const grid = document.querySelector('[role="grid"][aria-label="Packets"]');
    if (!grid) return [];
    const headers = Array.from(grid.querySelectorAll('[role="columnheader"]'), (cell) => cell.textContent ?? '');
    const rows = Array.from(grid.querySelectorAll('[role="row"]')).filter(
      (row) => !row.querySelector('[role="columnheader"]'),
    );
    // (No named functions in here: the test runner's transpiler would wrap them in a helper the page lacks.)
    return rows.map((row) => {
      const cells = Array.from(row.querySelectorAll('[role="gridcell"]'));
      const [type, name, data] = ['Type', 'Event', 'Arguments'].map(
        (header) => cells[headers.indexOf(header)]?.textContent ?? '',
      );
      const flags = Array.from(row.querySelectorAll('[role="img"]'), (flag) => flag.getAttribute('aria-label') ?? '');
      return { rowIndex: Number(row.getAttribute('aria-rowindex')), type, name, data, flags };
    });
  });
}

/** Selects the packet on the grid row `rowIndex` (a mouse press, as a user does) and returns the details' text. */
export async function selectPacket(panel: Page | Frame, rowIndex: number): Promise<string> {
  await panel.evaluate((at) => {
    document
      .querySelector(`[role="grid"][aria-label="Packets"] [role="row"][aria-rowindex="${at}"]`)!
      .dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  }, rowIndex);
  return waitFor(
    'the details of the selected packet',
    () => readDetails(panel),
    (text) => text.length > 0,
  );
}

/** The text of the selected packet's details, or '' when none is shown. */
export function readDetails(panel: Page | Frame): Promise<string> {
  return panel.evaluate(() => document.querySelector('[aria-label="Packet details"]')?.textContent ?? '');
}

/** Clicks the button of this accessible name (its aria-label, else its text). */
export async function pressButton(panel: Page | Frame, name: string): Promise<void> {
  if (!(await pressButtonIfShown(panel, name))) throw new Error(`no button named ${name}`);
}

/** Presses the button named `name` if the panel shows one, in the task that finds it; says whether it did. */
export function pressButtonIfShown(panel: Page | Frame, name: string): Promise<boolean> {
  return panel.evaluate((wanted) => {
    const button = Array.from(document.querySelectorAll<HTMLButtonElement>('button')).find(
      (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === wanted,
    );
    button?.click();
    return button !== undefined;
  }, name);
}

/** The accessible names of the panel's buttons (aria-label, else text). */
export function buttonNames(panel: Page | Frame): Promise<string[]> {
  return panel.evaluate(() =>
    Array.from(
      document.querySelectorAll('button'),
      (button) => button.getAttribute('aria-label') ?? button.textContent?.trim() ?? '',
    ),
  );
}

/** Types into the field of this accessible name (its aria-label), or checks/unchecks it, as a user's input does. */
export async function fillField(panel: Page | Frame, label: string, value: string | boolean): Promise<void> {
  await panel.evaluate(
    (name, next) => {
      const field = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[aria-label="${name}"]`);
      if (!field) throw new Error(`no field named ${name}`);
      if (typeof next === 'boolean') {
        if ((field as HTMLInputElement).checked !== next) field.click();
        return;
      }
      field.value = next;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
    label,
    value,
  );
}

/** Checks or unchecks the checkbox whose label reads `label`. */
export async function setCheckbox(panel: Page | Frame, label: string, checked: boolean): Promise<void> {
  await panel.evaluate(
    (name, next) => {
      const box = Array.from(document.querySelectorAll('label'))
        .find((candidate) => candidate.textContent?.trim() === name)
        ?.querySelector<HTMLInputElement>('input[type="checkbox"]');
      if (!box) throw new Error(`no checkbox labelled ${name}`);
      if (box.checked !== next) box.click();
    },
    label,
    checked,
  );
}

/**
 * The sessions list's entries as text ("All sessions" left out). The list follows the traffic a few times a second
 * (SUMMARY_INTERVAL_MS): wait for what it should say rather than read it once.
 */
export function sessionTexts(panel: Page | Frame): Promise<string[]> {
  return panel.evaluate(() =>
    Array.from(document.querySelectorAll('nav[aria-label="Sessions"] button'), (b) => b.textContent ?? '').filter(
      (text) => text !== 'All sessions',
    ),
  );
}
