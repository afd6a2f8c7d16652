import { useState } from 'preact/hooks';
import { ARROWS, DirectionSelect, FormError } from './fields';
import { boundedText, NAME_CHARS, PREVIEW_CHARS } from '../bounded';
import { RULE_ACTIONS, type Rule, type RuleAction } from '../../intercept/rules';
import type { RulesStore } from './rules-store';
import type { BreakDirection } from '../../intercept/wire-breakpoint';

/** A rule as one line: what it matches and what it does. */
const describe = (rule: Rule) =>
  `${ARROWS[rule.direction]} ${boundedText(rule.on, NAME_CHARS)}: ${RULE_ACTIONS[rule.action]}` +
  (rule.action === 'drop' ? '' : ` ${boundedText(rule.value, PREVIEW_CHARS)}`);

/** Which rules run: those on run while this panel inspects the page, the pinned ones while DevTools is closed too. */
function activeText(rules: Rule[]): string {
  const on = rules.filter((rule) => rule.enabled);
  if (rules.length === 0) return 'No rules';
  const pinned = on.filter((rule) => rule.pinned).length;
  const running = `${on.length} of ${rules.length} ${rules.length === 1 ? 'rule' : 'rules'} on`;
  return pinned
    ? `${running}; ${pinned} pinned: ${pinned === 1 ? 'it runs' : 'they run'} while DevTools is closed`
    : running;
}

/** Add a rule (it matches as a breakpoint does), switch each on or off, remove it; saved per origin of the page. */
export function RulesPanel({ store }: { store: RulesStore }) {
  const [on, setOn] = useState('');
  const [direction, setDirection] = useState<BreakDirection>('sent');
  const [action, setAction] = useState<RuleAction>('drop');
  const [value, setValue] = useState('');
  const error = store.error.value;
  return (
    <section class="rules" aria-label="Rules">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (store.add({ on, direction, action, value })) setOn('');
        }}
      >
        <label>
          Rule on
          <input aria-label="Rule on" value={on} onInput={(event) => setOn(event.currentTarget.value)} />
        </label>
        <DirectionSelect label="Rule direction" value={direction} onChange={setDirection} />
        <label>
          Action
          <select
            aria-label="Rule action"
            value={action}
            onChange={(event) => setAction(event.currentTarget.value as RuleAction)}
          >
            {Object.entries(RULE_ACTIONS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Value
          <input
            aria-label="Rule value"
            placeholder='ms, ["args"], {"merge": 1}'
            value={value}
            onInput={(event) => setValue(event.currentTarget.value)}
          />
        </label>
        <button type="submit">Add rule</button>
        <FormError error={error} />
      </form>
      <p role="status" class="rules-active">
        {activeText(store.rules.value)}
      </p>
      <ul>
        {store.rules.value.map((rule, index) => (
          <li key={index}>
            <label>
              <input
                type="checkbox"
                aria-label={`Rule on: ${describe(rule)}`}
                checked={rule.enabled}
                onChange={(event) => store.toggle(rule, event.currentTarget.checked)}
              />
              {describe(rule)}
            </label>{' '}
            <label class="pin" title="Keeps running on this site while DevTools is closed">
              <input
                type="checkbox"
                aria-label={`Pin rule: ${describe(rule)}`}
                checked={rule.pinned === true}
                onChange={(event) => store.pin(rule, event.currentTarget.checked)}
              />
              Pinned
            </label>{' '}
            <button type="button" aria-label={`Remove rule: ${describe(rule)}`} onClick={() => store.remove(rule)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
