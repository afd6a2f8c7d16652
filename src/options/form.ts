/**
 * The options page's form: the settings as the text a user types (sizes in KiB or MiB, origins one per line), read
 * back into settings with a message for each field that cannot be.
 */
import { MAX_LISTED_ORIGINS, parseOrigin, SETTING_RANGES, type CapturedSites, type Settings } from '../settings/schema';
import { formatCount } from '../count-text';

const KiB = 1024;
const MiB = 1024 * 1024;
const SECOND = 1000;

export type SizeUnit = 'KiB' | 'MiB';

export interface SettingsForm {
  /** The budget before a panel opens, in MiB. */
  idleBudget: string;
  panelMaxPackets: string;
  /** The frame size cap, in `maxFrameUnit`. */
  maxFrame: string;
  maxFrameUnit: SizeUnit;
  sitesMode: CapturedSites['mode'];
  /** Listed origins, one per line. */
  origins: string;
  /** The ack timeout of the Problems view, in seconds. */
  ackTimeout: string;
  holdFloods: boolean;
}

export type FormField = 'idleBudget' | 'panelMaxPackets' | 'maxFrame' | 'origins' | 'ackTimeout';
export type FormErrors = Partial<Record<FormField, string>>;

/** How a number of bytes reads in a unit: whole, or with up to two decimals. */
const inUnit = (bytes: number, unit: number) => String(Math.round((bytes / unit) * 100) / 100);

export function formFromSettings(settings: Settings): SettingsForm {
  const frameUnit: SizeUnit = settings.maxFrameSize % MiB === 0 ? 'MiB' : 'KiB';
  return {
    idleBudget: inUnit(settings.idleBudgetBytes, MiB),
    panelMaxPackets: String(settings.panelMaxPackets),
    maxFrame: inUnit(settings.maxFrameSize, frameUnit === 'MiB' ? MiB : KiB),
    maxFrameUnit: frameUnit,
    sitesMode: settings.capturedSites.mode,
    origins: settings.capturedSites.mode === 'listed' ? settings.capturedSites.origins.join('\n') : '',
    ackTimeout: inUnit(settings.ackTimeoutMs, SECOND),
    holdFloods: settings.holdFloods,
  };
}

/** A number as typed (spaces, commas and underscores between digits allowed), or undefined. */
function parseNumber(text: string, whole: boolean): number | undefined {
  const clean = text.trim().replace(/[\s,_]/g, '');
  const pattern = whole ? /^\d+$/ : /^\d+(\.\d+)?$/;
  return pattern.test(clean) ? Number(clean) : undefined;
}

/** A quantity typed in `unit`s (bytes, ms), within a setting's range, or undefined. */
function sizeInRange(text: string, unit: number, range: { min: number; max: number }): number | undefined {
  const value = parseNumber(text, false);
  if (value === undefined) return undefined;
  const bytes = Math.round(value * unit);
  return bytes >= range.min && bytes <= range.max ? bytes : undefined;
}

function readOrigins(text: string): { origins: string[] } | { error: string } {
  const lines = text.split('\n').map((line, index) => ({ line: line.trim(), number: index + 1 }));
  const listed = lines.filter(({ line }) => line !== '');
  const bad = listed.filter(({ line }) => parseOrigin(line) === undefined);
  if (bad.length > 0) {
    const named = bad.slice(0, 3).map(({ line, number }) => `line ${number} ("${line.slice(0, 80)}")`);
    const more = bad.length > 3 ? ` and ${formatCount(bad.length - 3)} more` : '';
    return {
      error: `Not an origin: ${named.join(', ')}${more}. Write one origin per line, such as https://example.com`,
    };
  }
  if (listed.length === 0)
    return { error: 'List at least one origin, such as https://example.com, or capture every site' };
  const origins = [...new Set(listed.map(({ line }) => parseOrigin(line)!))];
  if (origins.length > MAX_LISTED_ORIGINS) return { error: `List at most ${formatCount(MAX_LISTED_ORIGINS)} origins` };
  return { origins };
}

/** The range a field takes, as its hint and its error say it. */
export const RANGE_TEXT: Record<Exclude<FormField, 'origins'>, string> = {
  idleBudget: `from ${formatCount(SETTING_RANGES.idleBudgetBytes.min / MiB)} to ${formatCount(SETTING_RANGES.idleBudgetBytes.max / MiB)} MiB`,
  panelMaxPackets: `from ${formatCount(SETTING_RANGES.panelMaxPackets.min)} to ${formatCount(SETTING_RANGES.panelMaxPackets.max)}`,
  maxFrame: `from ${formatCount(SETTING_RANGES.maxFrameSize.min / KiB)} KiB to ${formatCount(SETTING_RANGES.maxFrameSize.max / MiB)} MiB`,
  ackTimeout: `from ${formatCount(SETTING_RANGES.ackTimeoutMs.min / SECOND)} to ${formatCount(SETTING_RANGES.ackTimeoutMs.max / SECOND)} s`,
};

/** The settings the form describes, or a message for each field that does not hold a valid value. */
export function readForm(form: SettingsForm): { ok: true; settings: Settings } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const idleBudgetBytes = sizeInRange(form.idleBudget, MiB, SETTING_RANGES.idleBudgetBytes);
  if (idleBudgetBytes === undefined) errors.idleBudget = `Enter a number of MiB ${RANGE_TEXT.idleBudget}`;
  const packets = parseNumber(form.panelMaxPackets, true);
  const { min, max } = SETTING_RANGES.panelMaxPackets;
  const panelMaxPackets = packets !== undefined && packets >= min && packets <= max ? packets : undefined;
  if (panelMaxPackets === undefined) errors.panelMaxPackets = `Enter a whole number ${RANGE_TEXT.panelMaxPackets}`;
  const unit = form.maxFrameUnit === 'MiB' ? MiB : KiB;
  const maxFrameSize = sizeInRange(form.maxFrame, unit, SETTING_RANGES.maxFrameSize);
  if (maxFrameSize === undefined) errors.maxFrame = `Enter a size ${RANGE_TEXT.maxFrame}`;
  const ackTimeoutMs = sizeInRange(form.ackTimeout, SECOND, SETTING_RANGES.ackTimeoutMs);
  if (ackTimeoutMs === undefined) errors.ackTimeout = `Enter a number of seconds ${RANGE_TEXT.ackTimeout}`;
  let capturedSites: CapturedSites = { mode: 'all' };
  if (form.sitesMode === 'listed') {
    const origins = readOrigins(form.origins);
    if ('error' in origins) errors.origins = origins.error;
    else capturedSites = { mode: 'listed', origins: origins.origins };
  }
  if (
    idleBudgetBytes === undefined ||
    panelMaxPackets === undefined ||
    maxFrameSize === undefined ||
    ackTimeoutMs === undefined ||
    errors.origins
  )
    return { ok: false, errors };
  const { holdFloods } = form;
  return {
    ok: true,
    settings: { idleBudgetBytes, panelMaxPackets, maxFrameSize, capturedSites, ackTimeoutMs, holdFloods },
  };
}
