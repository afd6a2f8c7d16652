import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { formFromSettings, RANGE_TEXT, type FormField, type SettingsForm } from './form';
import type { OptionsStore } from './store';
import { formatCount } from '../count-text';
import { FLOOD_RATE, HOLD_RATE } from '../pacer';

const FIELD_ORDER: FormField[] = ['idleBudget', 'maxFrame', 'origins', 'panelMaxPackets', 'ackTimeout'];
const defaults = formFromSettings(DEFAULT_SETTINGS);

/** The ids of a field's hint and error, for aria-describedby. */
function describedBy(field: FormField, error: string | undefined): string {
  return error ? `${field}-hint ${field}-error` : `${field}-hint`;
}

function FieldMessages({ field, hint, error }: { field: FormField; hint: string; error: string | undefined }) {
  return (
    <>
      <p class="hint" id={`${field}-hint`}>
        {hint}
      </p>
      {error && (
        <p class="error" id={`${field}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/** A number typed as text (commas allowed), its unit after it, its range and default below it. */
function NumberField({
  store,
  field,
  label,
  unit,
  hint,
}: {
  store: OptionsStore;
  field: Exclude<FormField, 'origins'>;
  label: string;
  unit: ComponentChildren;
  hint: string;
}) {
  const error = store.errors.value[field];
  return (
    <div class="field">
      <label for={field}>{label}</label>
      <span class="input-with-unit">
        <input
          id={field}
          type="text"
          inputMode={field === 'panelMaxPackets' ? 'numeric' : 'decimal'}
          value={store.form.value[field]}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={describedBy(field, error)}
          onInput={(event) => store.edit({ [field]: event.currentTarget.value })}
        />
        {unit}
      </span>
      <FieldMessages field={field} hint={hint} error={error} />
    </div>
  );
}

/** The frame size cap's unit, KiB or MiB. */
function FrameUnit({ store }: { store: OptionsStore }) {
  return (
    <select
      aria-label="Frame size cap unit"
      value={store.form.value.maxFrameUnit}
      onChange={(event) => store.edit({ maxFrameUnit: event.currentTarget.value as SettingsForm['maxFrameUnit'] })}
    >
      <option value="KiB">KiB</option>
      <option value="MiB">MiB</option>
    </select>
  );
}

function SitesField({ store }: { store: OptionsStore }) {
  const error = store.errors.value.origins;
  const { sitesMode, origins } = store.form.value;
  return (
    <fieldset class="field">
      <legend>Sites captured</legend>
      <label class="choice">
        <input
          type="radio"
          name="sites"
          checked={sitesMode === 'all'}
          onChange={() => store.edit({ sitesMode: 'all' })}
        />
        Every site
      </label>
      <label class="choice">
        <input
          type="radio"
          name="sites"
          checked={sitesMode === 'listed'}
          onChange={() => store.edit({ sitesMode: 'listed' })}
        />
        Only the sites listed below
      </label>
      <label for="origins">Listed origins, one per line</label>
      <textarea
        id="origins"
        rows={4}
        placeholder="https://example.com"
        value={origins}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={describedBy('origins', error)}
        onInput={(event) => store.edit({ origins: event.currentTarget.value })}
      />
      <FieldMessages
        field="origins"
        hint="An origin is a scheme, a host and a port if any, such as https://example.com or http://localhost:3000. Pages of other origins are not recorded."
        error={error}
      />
    </fieldset>
  );
}

/** Whether the panel holds floods unread (see src/panel/flood-hold.ts): a checkbox, its hint below it. */
function HoldFloodsField({ store }: { store: OptionsStore }) {
  return (
    <div class="field">
      <label class="toggle">
        <input
          type="checkbox"
          checked={store.form.value.holdFloods}
          aria-describedby="holdFloods-hint"
          onChange={(event) => store.edit({ holdFloods: event.currentTarget.checked })}
        />
        Hold floods until they end
      </label>
      <p class="hint" id="holdFloods-hint">
        {`Above ${formatCount(HOLD_RATE)} records a second (above ${formatCount(FLOOD_RATE)} when reading them slows the page), the panel holds the records unread and shows them once the flood ends (or on Show now), so that the page keeps its pace. Off: every record is shown as it comes, and the page slows while it floods. Breakpoints and intercept rules turn holding off while they are on. Default: on.`}
      </p>
    </div>
  );
}

/** The composer histories stored per origin of the inspected page, each with a Clear button. */
function Histories({ store }: { store: OptionsStore }) {
  const histories = store.histories.value;
  return (
    <section class="group" aria-labelledby="history-heading">
      <h2 id="history-heading">Composer history</h2>
      {histories.length === 0 ? (
        <p class="hint">No composer history is stored.</p>
      ) : (
        <table aria-labelledby="history-heading">
          <thead>
            <tr>
              <th scope="col">Origin</th>
              <th scope="col">Entries</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {histories.map(({ origin, entries }) => (
              <tr key={origin}>
                <th scope="row">{origin}</th>
                <td>{entries}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Clear the history of ${origin}`}
                    onClick={() => void store.clearHistory(origin)}
                  >
                    Clear
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The extension's settings: capture limits, sites captured, the panel's maximum packets, and the composer's history. */
export function OptionsPage({ store }: { store: OptionsStore }) {
  useEffect(() => void store.load(), [store]);
  const save = async (event: Event) => {
    event.preventDefault();
    if (await store.save()) return;
    const first = FIELD_ORDER.find((field) => store.errors.value[field]);
    if (first) document.getElementById(first)?.focus();
  };
  return (
    <main class="options" aria-labelledby="options-title">
      <h1 id="options-title">Socket.IO Inspector settings</h1>
      <p class="note">Changes apply to pages loaded after saving.</p>
      <form aria-labelledby="options-title" noValidate onSubmit={(event) => void save(event)}>
        {/* Disabled until the stored settings are read, so that nothing typed before is overwritten by them. */}
        <fieldset class="fields" disabled={!store.loaded.value} aria-busy={!store.loaded.value}>
          <section class="group" aria-labelledby="capture-heading">
            <h2 id="capture-heading">Capture</h2>
            <NumberField
              store={store}
              field="idleBudget"
              label="Budget before a panel opens"
              unit={<span class="unit">MiB</span>}
              hint={`Page memory a tab's capture may hold while no panel inspects it, all its frames together; ${RANGE_TEXT.idleBudget}. Default: ${defaults.idleBudget} MiB.`}
            />
            <NumberField
              store={store}
              field="maxFrame"
              label="Frame size cap"
              unit={<FrameUnit store={store} />}
              hint={`Larger frames are kept cut to this size, with their full size noted; ${RANGE_TEXT.maxFrame}. Default: ${defaults.maxFrame} ${defaults.maxFrameUnit}.`}
            />
            <SitesField store={store} />
          </section>
          <section class="group" aria-labelledby="panel-heading">
            <h2 id="panel-heading">Panel</h2>
            <NumberField
              store={store}
              field="panelMaxPackets"
              label="Maximum packets in the panel"
              unit={<span class="unit">packets</span>}
              hint={`Beyond it the oldest packets go first, and the panel says how many; ${RANGE_TEXT.panelMaxPackets}. Default: ${formatCount(Number(defaults.panelMaxPackets))}.`}
            />
            <NumberField
              store={store}
              field="ackTimeout"
              label="Ack timeout for Problems"
              unit={<span class="unit">s</span>}
              hint={`The Problems view reports an emit whose ack has not come after this long, when the client's own ackTimeout cannot be seen; ${RANGE_TEXT.ackTimeout}. Default: ${defaults.ackTimeout} s.`}
            />
            <HoldFloodsField store={store} />
          </section>
          <div class="actions">
            <button type="submit">Save</button>
            <button type="button" onClick={() => void store.restoreDefaults()}>
              Restore defaults
            </button>
            <p role="status" class="status">
              {store.status.value}
            </p>
          </div>
        </fieldset>
      </form>
      <Histories store={store} />
    </main>
  );
}
