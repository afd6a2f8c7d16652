/**
 * One formatter for every count the panel and the options page write (both entries use it, so it sits above them):
 * `toLocaleString` makes a formatter at each call, which cost a render of the event-count table more than its rows
 * (0.4 µs per event under a flood).
 */
const COUNTS = new Intl.NumberFormat('en');

/** A count as the panel writes it: 1,234,567. */
export const formatCount = (n: number): string => COUNTS.format(n);
