/** The rules of the inspected page's origin: added, switched on or off, removed, and saved per origin. */
import { effect, signal, type ReadonlySignal } from '@preact/signals';
import { isRule, MAX_RULES, ruleProblem, type Rule } from '../../intercept/rules';
import { toWireBreakpoint } from '../../intercept/wire-breakpoint';

/** Where rules are kept, per origin of the inspected page: extension storage, or memory in tests. */
export interface RulesStorage {
  load(origin: string): Promise<unknown>;
  save(origin: string, rules: Rule[]): Promise<void>;
}

export function createMemoryRulesStorage(): RulesStorage & { saved: Map<string, Rule[]> } {
  const saved = new Map<string, Rule[]>();
  return {
    saved,
    load: (origin) => Promise.resolve(saved.get(origin)),
    save: (origin, rules) => Promise.resolve(void saved.set(origin, rules)),
  };
}

export function createRulesStore(storage: RulesStorage | undefined, origin: ReadonlySignal<string | undefined>) {
  const rules = signal<Rule[]>([]);
  const error = signal<string | undefined>(undefined);
  /** The origin whose rules are shown (and saved). */
  let shown: string | undefined;
  const change = (next: Rule[]) => {
    rules.value = next;
    if (storage && shown !== undefined) void storage.save(shown, next);
  };
  return {
    rules,
    error,
    /** Loads the rules of the page's origin, again whenever it changes; returns the function that stops. */
    follow: () =>
      effect(() => {
        const current = origin.value;
        if (current === shown) return;
        shown = current;
        rules.value = [];
        if (current === undefined || !storage) return;
        void storage.load(current).then((stored) => {
          if (shown === current && Array.isArray(stored)) rules.value = stored.filter(isRule).slice(0, MAX_RULES);
        });
      }),
    add(rule: Omit<Rule, 'enabled'>): boolean {
      const wire = toWireBreakpoint(rule);
      const problem = wire.ok ? ruleProblem(rule.action, rule.value) : wire.error;
      error.value = problem ?? (rules.value.length >= MAX_RULES ? `At most ${MAX_RULES} rules` : undefined);
      if (error.value) return false;
      change([...rules.value, { ...rule, on: rule.on.trim(), enabled: true }]);
      return true;
    },
    toggle: (rule: Rule, enabled: boolean) =>
      change(rules.value.map((other) => (other === rule ? { ...rule, enabled } : other))),
    /** Pins the rule (it runs while DevTools is closed too) or unpins it. */
    pin: (rule: Rule, pinned: boolean) =>
      change(rules.value.map((other) => (other === rule ? { ...rule, pinned } : other))),
    remove: (rule: Rule) => change(rules.value.filter((other) => other !== rule)),
  };
}

export type RulesStore = ReturnType<typeof createRulesStore>;
