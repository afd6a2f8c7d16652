// Event names shared between packets: one string per name rather than one copy per packet, parsed from its text.

/** Names remembered at most: a power of two. */
const SLOTS = 64;

/**
 * The event names a session decoder saw last, each in a slot picked by its length and first character: a string
 * comparison finds one, no hashing of the whole name. A name whose slot another took is kept again (a copy more).
 */
export class EventNames {
  private readonly slots: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

  /** The name as seen before, else `name`, remembered. */
  shared(name: string | number): string | number {
    if (typeof name !== 'string' || name.length === 0) return name;
    const slot = (name.length * 31 + name.charCodeAt(0)) & (SLOTS - 1);
    const known = this.slots[slot];
    if (known === name) return known;
    this.slots[slot] = name;
    return name;
  }
}
