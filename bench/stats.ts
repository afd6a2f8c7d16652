// The one way every figure of the bench is summarised: per-round values (each a ratio taken against a baseline
// measured in the same round), reported as their median and their spread (min–max).

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN, n };
  const middle = n >> 1;
  const median = n % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[n - 1], n };
}

/** The value at quantile `q` (0–1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function geomean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

/** `1.23x [0.98–1.40, n=7]`: the median ratio and the spread of the per-round ratios. */
export function ratioText(s: Summary, digits = 2): string {
  return `${s.median.toFixed(digits)}x [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}, n=${s.n}]`;
}

/** A compact count: 123456 → `123k`, 1234567 → `1.23M`. */
export function count(v: number): string {
  if (v >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (v >= 1e4) return `${Math.round(v / 1e3)}k`;
  return `${Math.round(v)}`;
}

/** Left-aligned first column, right-aligned others. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '))
    .join('\n');
}

/** Whether `median` meets `target` and `goal` (higher is better). */
export function verdict(median: number, target: number, goal: number): string {
  return median >= goal
    ? `meets goal ${goal}`
    : median >= target
      ? `meets target ${target} (goal ${goal})`
      : `BELOW target ${target}`;
}
