/**
 * Pinned rules: the enabled rules of this document's origin that the user pinned run here, in the relay, while no
 * panel inspects the tab (a panel runs every rule itself while it does). The hook holds what they match, as for the
 * panel; the relay decodes the held packet, applies the first rule that matches it, and sends the verdict (with its
 * mark, so the timeline shows it once a panel opens) and any answer back to the hook.
 */
import { decodeHeld } from '../intercept/held';
import { applyRule, isRule, matchesHeld, MAX_RULES, ruleMark, rulesStorageKey, type Rule } from '../intercept/rules';
import { toWireBreakpoint } from '../intercept/wire-breakpoint';
import { MESSAGE_PROTOCOL_VERSION, type ContentToPage, type InterceptNews, type WireBreakpoint } from '../messages';
import { browser } from '../platform';

type Pinned = { rule: Rule; wire: WireBreakpoint };

function pinnedOf(stored: unknown): Pinned[] {
  if (!Array.isArray(stored)) return [];
  return stored
    .slice(0, MAX_RULES)
    .filter((rule): rule is Rule => isRule(rule) && rule.enabled && rule.pinned === true)
    .flatMap((rule) => {
      const wire = toWireBreakpoint(rule);
      return wire.ok ? [{ rule, wire: wire.wire }] : [];
    });
}

export function createPinnedRules(origin: string, tellPage: (message: ContentToPage) => void) {
  const key = rulesStorageKey(origin);
  const version = MESSAGE_PROTOCOL_VERSION;
  let pinned: Pinned[] = [];
  /** Whether the relay runs them: no panel inspects the tab (none does when the document starts, until one replays). */
  let armed = true;

  const setBreakpoints = () =>
    tellPage({ type: 'intercept', version, breakpoints: pinned.map((entry) => entry.wire), releaseAll: false });
  const command = (command: Extract<ContentToPage, { type: 'command' }>['command']) =>
    tellPage({ type: 'command', version, command });

  return {
    /** Reads the origin's pinned rules, and follows their changes; armed (or not) as `arm`/`disarm` said. */
    async load(): Promise<void> {
      const stored = await browser.storage.local.get(key).catch(() => ({}));
      pinned = pinnedOf((stored as Record<string, unknown>)[key]);
      browser.storage.onChanged.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area !== 'local' || !(key in changes)) return;
        pinned = pinnedOf(changes[key]?.newValue);
        if (armed) setBreakpoints();
      });
      if (armed && pinned.length > 0) setBreakpoints();
    },
    /** No panel inspects the tab: the pinned rules run here. */
    arm(): void {
      armed = true;
      if (pinned.length > 0) setBreakpoints();
    },
    /** A panel inspects the tab: it runs the rules (and sets the breakpoints) itself. */
    disarm(): void {
      armed = false;
    },
    /** Acts on what the hook held for the pinned rules; false when they are not running (a panel is). */
    onNews(news: InterceptNews): boolean {
      if (!armed) return false;
      for (const held of news.held) {
        const packet = decodeHeld(held, 0, '');
        const entry = pinned.find((candidate) => matchesHeld(candidate.wire, packet));
        const outcome = entry ? applyRule(entry.rule, packet) : { verdict: 'forward' as const };
        const release = () => {
          const { verdict, frames } = outcome;
          command({
            action: 'release',
            hold: held.hold,
            verdict,
            mark: ruleMark(outcome),
            ...(frames ? { frames } : {}),
          });
          if (outcome.deliver) command({ action: 'deliver', connection: held.connection, frames: outcome.deliver });
        };
        if (outcome.delayMs) setTimeout(release, outcome.delayMs);
        else release();
      }
      return true;
    },
  };
}
