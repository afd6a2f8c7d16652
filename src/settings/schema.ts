/**
 * The extension's settings: one typed schema with its defaults and its validation, shared by the relay, the
 * background, the panel and the options page. Pure (no extension API): `storage.ts` reads and writes it.
 */

/** Which sites the hook records: every site, or only pages whose origin is listed. */
export type CapturedSites = { mode: 'all' } | { mode: 'listed'; origins: string[] };

export interface Settings {
  /**
   * Page heap (bytes) that a tab's capture may hold while no panel inspects it, all its frames together (see the
   * relay's backlog). Once a panel listens, the panel's own limit applies.
   */
  idleBudgetBytes: number;
  /** Packets the panel keeps; beyond it the oldest go first (counted and shown). */
  panelMaxPackets: number;
  /** Frames larger than this are kept truncated to it, with their full size (FramePayload.size: bytes, UTF-16 units for text). */
  maxFrameSize: number;
  capturedSites: CapturedSites;
  /** Problems: how long an emit may wait for its ack (ms) when the client's own ackTimeout cannot be seen. */
  ackTimeoutMs: number;
  /** The panel holds a flood's records unread until it ends (src/panel/flood-hold.ts); off: it reads them as they come. */
  holdFloods: boolean;
}

const MiB = 1024 * 1024;

/** The one storage key the settings live under (an object of the `Settings` shape; see storage.ts). */
export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  idleBudgetBytes: 16 * MiB,
  panelMaxPackets: 1_000_000,
  maxFrameSize: 4 * MiB,
  capturedSites: { mode: 'all' },
  ackTimeoutMs: 10_000,
  holdFloods: true,
};

/** The range each number may take: a value outside it is refused (the options page) or replaced by the default. */
export const SETTING_RANGES = {
  idleBudgetBytes: { min: 1 * MiB, max: 1024 * MiB },
  panelMaxPackets: { min: 1_000, max: 10_000_000 },
  maxFrameSize: { min: 1024, max: 16 * MiB },
  ackTimeoutMs: { min: 1_000, max: 600_000 },
} as const satisfies Record<string, { min: number; max: number }>;

export type NumericSetting = keyof typeof SETTING_RANGES;

/** Origins a listed-sites setting keeps at most. */
export const MAX_LISTED_ORIGINS = 1_000;

/** The origin (`scheme://host[:port]`) a user typed, or undefined when it is not one. */
export function parseOrigin(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

function validNumber(key: NumericSetting, value: unknown): number {
  const { min, max } = SETTING_RANGES[key];
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max
    ? (value as number)
    : DEFAULT_SETTINGS[key];
}

function validSites(value: unknown): CapturedSites {
  if (typeof value !== 'object' || value === null) return DEFAULT_SETTINGS.capturedSites;
  const { mode, origins } = value as { mode?: unknown; origins?: unknown };
  if (mode !== 'listed' || !Array.isArray(origins)) return DEFAULT_SETTINGS.capturedSites;
  const listed = new Set<string>();
  for (const origin of origins.slice(0, MAX_LISTED_ORIGINS)) {
    const parsed = typeof origin === 'string' ? parseOrigin(origin) : undefined;
    if (parsed) listed.add(parsed);
  }
  return { mode: 'listed', origins: [...listed] };
}

/** Settings from anything stored: each field that is missing or invalid keeps its default. */
export function validateSettings(stored: unknown): Settings {
  const fields = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    idleBudgetBytes: validNumber('idleBudgetBytes', fields['idleBudgetBytes']),
    panelMaxPackets: validNumber('panelMaxPackets', fields['panelMaxPackets']),
    maxFrameSize: validNumber('maxFrameSize', fields['maxFrameSize']),
    capturedSites: validSites(fields['capturedSites']),
    ackTimeoutMs: validNumber('ackTimeoutMs', fields['ackTimeoutMs']),
    holdFloods: typeof fields['holdFloods'] === 'boolean' ? fields['holdFloods'] : DEFAULT_SETTINGS.holdFloods,
  };
}

/** Whether a page of this URL is captured under these settings. */
export function isSiteCaptured(settings: Settings, url: string): boolean {
  if (settings.capturedSites.mode === 'all') return true;
  const origin = parseOrigin(url);
  return origin !== undefined && settings.capturedSites.origins.includes(origin);
}
