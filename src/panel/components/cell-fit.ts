/**
 * Which cells of the timeline need no clip. A clipped cell (`overflow: clip`, for its ellipsis) is a clip of its own
 * in the panel's paint, and the rows in view have hundreds of cells. In three latency bench pairs alternated with
 * every cell clipped (2026-12-06, a slow hour), at 10,000 records a second the panel's paint and layerizing took a
 * mean 0.71–0.93 ms a frame against 1.20–1.32, and its work per frame was p95 15.7–19.7 ms against 16.9–23.9. The
 * rows' font is monospace, so a text's width is its length.
 */

/** A cell's horizontal padding and border (panel.css, `.timeline .cell`), and a pixel to spare, px. */
const CELL_CHROME_PX = 10;
/** The widest characters of most fonts, measured in case the rows' font is not monospace after all. */
const PROBES = ['W', 'M', '@'].map((char) => char.repeat(32));

/**
 * The width of the widest character of the rows' font inside `within` (normal and bold: the Event column is bold),
 * px; 0 without layout (tests in Node), so that every cell stays clipped.
 */
export function measureCharWidth(within: HTMLElement): number {
  const probe = within.ownerDocument.createElement('span');
  probe.style.cssText = 'position: absolute; visibility: hidden; white-space: pre';
  within.append(probe);
  let widest = 0;
  for (const weight of ['normal', '600']) {
    probe.style.fontWeight = weight;
    for (const text of PROBES) {
      probe.textContent = text;
      widest = Math.max(widest, probe.getBoundingClientRect().width / text.length);
    }
  }
  probe.remove();
  return widest;
}

/** How many characters a column `width` px wide shows whole, in a font whose characters are `charPx` wide at most. */
export const columnCapacity = (width: number, charPx: number): number =>
  charPx > 0 ? Math.max(0, Math.floor((width - CELL_CHROME_PX) / charPx)) : 0;

/**
 * Whether `text` shows whole in `capacity` characters: one beyond ASCII counts as two (wide scripts, emoji), and a
 * control character (a tab's width is not one) as not fitting.
 */
export function fitsIn(text: string, capacity: number): boolean {
  if (text.length > capacity) return false;
  let width = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20) return false;
    if (code > 0x7e) width++;
  }
  return width <= capacity;
}
