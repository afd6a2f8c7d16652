import { boundedText, childrenOf, MAX_CHILDREN, MAX_DEPTH, NAME_CHARS } from './bounded';

/**
 * Paths into a payload, as DevTools' "Copy property path" writes them (`[1].user["first name"]`), and the two walks
 * the Payload tab needs: how deep "Expand all" may open, and where a search matches. Both iterate within budgets
 * (the tree shows at most MAX_CHILDREN children a level and MAX_DEPTH levels), so no payload can stall the panel.
 */

/** Rows "Expand all" may open at most. */
export const EXPAND_ALL_ROWS = 2_000;
/** Nodes a search visits at most, and matches it lists at most. */
export const SEARCH_NODES = 50_000;
export const SEARCH_MATCHES = 200;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The path of a child: `[index]` in an array, `.key` (or `["key"]`) in an object. */
export function childPath(parent: string, key: string, inArray: boolean): string {
  if (inArray) return `${parent}[${key}]`;
  if (IDENTIFIER.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(boundedText(key, NAME_CHARS))}]`;
}

const isContainer = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && !(value instanceof Date);

/** The deepest level "Expand all" opens: every level whose rows, added up, stay within `budget`. */
export function expandAllDepth(value: unknown, budget = EXPAND_ALL_ROWS): number {
  let level: object[] = isContainer(value) ? [value] : [];
  let rows = 1;
  let depth = 0;
  while (level.length > 0 && depth < MAX_DEPTH) {
    const next: object[] = [];
    for (const node of level) {
      const { entries } = childrenOf(node, MAX_CHILDREN);
      rows += entries.length;
      if (rows > budget) return depth;
      for (const [, child] of entries) if (isContainer(child)) next.push(child);
    }
    level = next;
    depth++;
  }
  return depth;
}

export interface JsonMatch {
  path: string;
  value: unknown;
}

/** Text a leaf is searched by: what the tree shows of it. */
function leafText(value: unknown): string {
  if (value instanceof Uint8Array) return `<binary ${value.byteLength} B>`;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Where `query` (case-insensitive) is in a key or a leaf value, in tree order: the first SEARCH_MATCHES matches, and
 * the paths of the containers to open so that each shows.
 */
export function searchJson(value: unknown, query: string): { matches: JsonMatch[]; open: Set<string> } {
  const needle = query.trim().toLowerCase();
  const matches: JsonMatch[] = [];
  const open = new Set<string>();
  if (!needle) return { matches, open };
  const stack: { value: unknown; path: string; key: string; depth: number; parents: string[] }[] = [
    { value, path: '', key: '', depth: 0, parents: [] },
  ];
  for (let visited = 0; stack.length > 0 && visited < SEARCH_NODES && matches.length < SEARCH_MATCHES; visited++) {
    const node = stack.pop()!;
    const container = isContainer(node.value);
    const hit =
      node.key.toLowerCase().includes(needle) || (!container && leafText(node.value).toLowerCase().includes(needle));
    if (hit) {
      matches.push({ path: node.path, value: node.value });
      for (const parent of node.parents) open.add(parent);
    }
    if (!isContainer(node.value) || node.depth >= MAX_DEPTH) continue;
    const { entries } = childrenOf(node.value, MAX_CHILDREN);
    const inArray = Array.isArray(node.value);
    const parents = [...node.parents, node.path];
    for (let at = entries.length - 1; at >= 0; at--) {
      const [key, child] = entries[at];
      const path = childPath(node.path, key, inArray);
      stack.push({ value: child, path, key: inArray ? '' : key, depth: node.depth + 1, parents });
    }
  }
  return { matches, open };
}
