/**
 * Finding elements as a user or a screen reader does: by role and accessible name. A small subset of the ARIA rules
 * (explicit roles, the implicit roles of the elements the panel and the options page use, names from aria-label,
 * aria-labelledby, labels, legends and text), enough that tests never reach for CSS classes.
 */

const INPUT_ROLES: Record<string, string> = {
  checkbox: 'checkbox',
  radio: 'radio',
  number: 'spinbutton',
  search: 'searchbox',
  file: 'button',
  submit: 'button',
  button: 'button',
};

const TAG_ROLES: Record<string, string> = {
  BUTTON: 'button',
  TEXTAREA: 'textbox',
  TABLE: 'table',
  TR: 'row',
  TD: 'cell',
  ASIDE: 'complementary',
  NAV: 'navigation',
  MAIN: 'main',
  FIELDSET: 'group',
  UL: 'list',
  OL: 'list',
  LI: 'listitem',
  OPTION: 'option',
  H1: 'heading',
  H2: 'heading',
  H3: 'heading',
};

/** The element's role: its `role` attribute, else the one its tag implies. */
export function roleOf(element: Element): string | undefined {
  const explicit = element.getAttribute('role');
  if (explicit) return explicit;
  const tag = element.tagName;
  if (tag === 'INPUT') return INPUT_ROLES[(element as HTMLInputElement).type] ?? 'textbox';
  if (tag === 'SELECT') return 'combobox';
  if (tag === 'A') return element.hasAttribute('href') ? 'link' : undefined;
  if (tag === 'TH') return element.getAttribute('scope') === 'row' ? 'rowheader' : 'columnheader';
  if (tag === 'SECTION') return element.hasAttribute('aria-label') ? 'region' : undefined;
  if (tag === 'FORM') return element.hasAttribute('aria-label') ? 'form' : undefined;
  return TAG_ROLES[tag];
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Text as read aloud: images by their names, the rest by its text. */
function textOf(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? '';
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  if (element.getAttribute('aria-hidden') === 'true') return '';
  if (element.getAttribute('role') === 'img') return ` ${element.getAttribute('aria-label') ?? ''} `;
  return Array.from(element.childNodes, textOf).join('');
}

/** The element's accessible name. */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return clean(
      labelledBy
        .split(/\s+/)
        .map((id) => textOf(element.ownerDocument.getElementById(id) ?? element.ownerDocument.createElement('i')))
        .join(' '),
    );
  }
  const label = element.getAttribute('aria-label');
  if (label) return clean(label);
  const tag = element.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
    const id = element.getAttribute('id');
    const byFor = id ? element.ownerDocument.querySelector(`label[for="${id}"]`) : null;
    return clean(textOf(byFor ?? element.closest('label') ?? element.ownerDocument.createElement('i')));
  }
  if (tag === 'FIELDSET')
    return clean(textOf(element.querySelector('legend') ?? element.ownerDocument.createElement('i')));
  if (tag === 'TABLE')
    return clean(textOf(element.querySelector('caption') ?? element.ownerDocument.createElement('i')));
  return clean(textOf(element));
}

const matches = (name: string, wanted: string | RegExp | undefined) =>
  wanted === undefined || (typeof wanted === 'string' ? name === wanted : wanted.test(name));

/** Every element under `root` with this role (and name, when given), in document order. */
export function allByRole(root: Element | Document, role: string, name?: string | RegExp): HTMLElement[] {
  return Array.from(root.querySelectorAll('*')).filter(
    (element) => roleOf(element) === role && matches(accessibleName(element), name),
  ) as HTMLElement[];
}

/** The one element under `root` with this role and name; throws (listing what there is) when there is not exactly one. */
export function byRole(root: Element | Document, role: string, name?: string | RegExp): HTMLElement {
  const found = allByRole(root, role, name);
  if (found.length === 1) return found[0];
  const present = allByRole(root, role).map(accessibleName);
  throw new Error(
    `${found.length} elements with role ${role}${name === undefined ? '' : ` named ${String(name)}`}; ${role}s present: ${JSON.stringify(present)}`,
  );
}

/** The element with this role and name, or undefined. */
export function queryByRole(root: Element | Document, role: string, name?: string | RegExp): HTMLElement | undefined {
  return allByRole(root, role, name)[0];
}

/** A grid's or table's rows as text cells keyed by their column headers (the header row itself left out). */
export function rowsOf(table: Element): Record<string, string>[] {
  const rows = allByRole(table, 'row');
  const headers = allByRole(table, 'columnheader').map(accessibleName);
  return rows
    .filter((row) => allByRole(row, 'columnheader').length === 0)
    .map((row) => {
      const cells = Array.from(row.children).filter((cell) =>
        ['cell', 'gridcell', 'rowheader'].includes(roleOf(cell) ?? ''),
      );
      return Object.fromEntries(cells.map((cell, index) => [headers[index] ?? String(index), clean(textOf(cell))]));
    });
}
