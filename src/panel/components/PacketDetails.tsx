import { useComputed } from '@preact/signals';
import { stringifyJson } from '../../protocol';
import { boundedText, DETAIL_CHARS, findBinaries, MAX_BINARIES } from '../bounded';
import { copyText } from '../clipboard';
import { toJsonValue } from '../../protocol';
import { formatTime } from '../format';
import { interceptMarkText, originalText } from '../intercept/marks';
import { completedLateBy, formatDuration } from '../row-time';
import { clientSnippet, serverSnippet, socketIdOf } from '../snippets';
import type { ComposerActions } from '../store/composer-actions';
import { answeredBy, answers, type TimelinePacket, type TimelineStore } from '../store/timeline';
import { hexText, HexView } from './HexView';
import { packetName, PairView } from './PairView';
import { PayloadView } from './PayloadView';
import { RawView } from './RawView';
import { Tabs, type TabSpec } from './Tabs';

export type DetailsTab = 'payload' | 'raw' | 'binary' | 'pair';

function PairLink({
  entry,
  relation,
  rtt,
  onSelect,
}: {
  entry: TimelinePacket;
  relation: 'Answered by' | 'Answers';
  rtt: number | undefined;
  onSelect: (entry: TimelinePacket) => void;
}) {
  return (
    <p class="pair">
      {relation}{' '}
      <button type="button" class="link" onClick={() => onSelect(entry)}>
        {packetName(entry)}
      </button>{' '}
      after <span class="rtt">{rtt?.toFixed(1)} ms</span>
    </p>
  );
}

function fieldsOf(entry: TimelinePacket): [string, string][] {
  const { packet, session } = entry;
  const late = completedLateBy(entry);
  const fields: [string, string | undefined][] = [
    ['Session', `${session.id}${session.sid ? ` (sid ${session.sid})` : ''}`],
    ['Direction', packet.direction],
    ['Transport', packet.transport],
    ['Time', formatTime(packet.time)],
    ['Completed', late > 0 ? `${formatDuration(late)} after it began (its attachments came later)` : undefined],
    ['Engine.IO', packet.eioType],
    ['Socket.IO', packet.sioType],
    ['Parser', packet.parser],
    ['Namespace', packet.namespace],
    ['Event', packet.event === undefined ? undefined : String(packet.event)],
    ['Ack id', packet.ackIdDigits],
    ['Attachments', packet.attachments === undefined ? undefined : String(packet.attachments)],
    ['Size', `${packet.size} B`],
    ['Note', packet.note],
    ['Intercepted', entry.intercept && interceptMarkText(entry.intercept)],
    ['Before the edit', entry.intercept && originalText(entry.intercept)],
  ];
  return fields.flatMap(([name, value]) => (value === undefined ? [] : [[name, boundedText(value, DETAIL_CHARS)]]));
}

/** The payload's binary values, each in a hex view (the first MAX_BINARIES of them). */
function BinaryView({ binaries }: { binaries: ReturnType<typeof findBinaries> }) {
  const { found, total } = binaries;
  return (
    <>
      {found.map(({ path, bytes }, index) => (
        <HexView key={index} bytes={bytes} label={`Binary ${path}`} />
      ))}
      {total > found.length && <p class="json-more">… {total - found.length} more binary values</p>}
    </>
  );
}

/** The actions on the packet, in one toolbar: copy it as raw, JSON or code, replay it, edit it. */
function Actions(props: { timeline: TimelineStore; entry: TimelinePacket; composer: ComposerActions }) {
  const { timeline, entry, composer } = props;
  const { packet } = entry;
  const payload = packet.args ?? packet.open ?? packet.data;
  const raw = typeof packet.raw === 'string' ? packet.raw : hexText(packet.raw);
  return (
    <div class="details-toolbar" role="group" aria-label="Packet actions">
      <button type="button" onClick={() => copyText(raw)}>
        Copy raw
      </button>
      <button type="button" onClick={() => copyText(stringifyJson(toJsonValue(payload)) ?? '')}>
        Copy as JSON
      </button>
      {packet.event !== undefined && (
        <>
          <button type="button" onClick={() => copyText(clientSnippet(packet))}>
            Copy as client code
          </button>
          <button type="button" onClick={() => copyText(serverSnippet(packet, socketIdOf(timeline.entries, entry)))}>
            Copy as server code
          </button>
          <span class="toolbar-divider" role="presentation" />
          <button type="button" onClick={() => composer.replay(entry)}>
            {packet.direction === 'sent' ? 'Replay' : 'Deliver again'}
          </button>
          <button type="button" onClick={() => composer.load(entry)}>
            Edit in composer
          </button>
        </>
      )}
    </div>
  );
}

interface Props {
  timeline: TimelineStore;
  entry: TimelinePacket;
  onSelect: (entry: TimelinePacket) => void;
  composer: ComposerActions;
  /** The tab last chosen: shown when this packet has it. */
  tab: DetailsTab;
  onTab: (tab: DetailsTab) => void;
  onClose: () => void;
}

/**
 * The selected packet: its actions, fields and pair (ACK ↔ EVENT, pong ↔ ping) on top, then tabs: Payload (the JSON
 * tree), Raw (the wire text, its parts highlighted), Binary (a hex view per attachment), Pair (the round trip).
 */
export function PacketDetails({ timeline, entry, onSelect, composer, tab, onTab, onClose }: Props) {
  const { packet } = entry;
  const { reply, original } = useComputed(() => {
    void timeline.revision.value; // a reply is often decoded after its packet was selected
    return { reply: answeredBy(timeline, entry), original: answers(timeline, entry) };
  }).value;
  const payload = packet.args ?? packet.open ?? packet.data;
  const binaries = findBinaries(payload, MAX_BINARIES);
  const tabs: TabSpec<DetailsTab>[] = [
    ...(payload !== undefined ? [{ id: 'payload', name: 'Payload' } as const] : []),
    { id: 'raw', name: 'Raw' },
    ...(binaries.total > 0 ? [{ id: 'binary', name: 'Binary' } as const] : []),
    ...(packet.answeredBy !== undefined || packet.replyTo !== undefined ? [{ id: 'pair', name: 'Pair' } as const] : []),
  ];
  const shown = tabs.find((candidate) => candidate.id === tab)?.id ?? tabs[0].id;
  return (
    <aside class="details" aria-label="Packet details">
      <Tabs
        label="Details"
        idPrefix="details"
        tabs={tabs}
        selected={shown}
        onSelect={onTab}
        before={
          <button type="button" class="close" aria-label="Close details" title="Close (Esc)" onClick={onClose}>
            ×
          </button>
        }
      >
        <Actions timeline={timeline} entry={entry} composer={composer} />
        {packet.error && (
          <p class="error" role="alert">
            {boundedText(packet.error, DETAIL_CHARS)}
          </p>
        )}
        <dl class="fields">
          {fieldsOf(entry).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {reply && <PairLink entry={reply} relation="Answered by" rtt={reply.packet.rtt} onSelect={onSelect} />}
        {original && <PairLink entry={original} relation="Answers" rtt={packet.rtt} onSelect={onSelect} />}
        {shown === 'payload' && <PayloadView payload={payload} />}
        {shown === 'raw' && <RawView packet={packet} />}
        {shown === 'binary' && <BinaryView binaries={binaries} />}
        {shown === 'pair' && <PairView entry={entry} reply={reply} original={original} onSelect={onSelect} />}
      </Tabs>
    </aside>
  );
}
