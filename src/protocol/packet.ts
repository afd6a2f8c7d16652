// A decoded packet (see Packet): its kinds packed in one number, the fields most packets leave unset in one object.
import { argsInRaw, argsProblem, holdArgs } from './packet-args';
import * as kind from './packet-kinds';
import { RareFields } from './packet-rare';
import type { EioType, SioType } from './packet-types';
import type { Direction, ErrorKind, OpenInfo, PacketLayer, ParserKind, Transport } from './types';

/**
 * One decoded packet, as the panel shows it. Optional fields are undefined when they do not apply.
 * A class so that every packet is created with all fields and never changes shape afterwards: reads of packet
 * fields, in the decoder and in the panel, stay monomorphic, and setting a field is a plain store.
 */
export class Packet {
  /** Its kinds (direction, transport, layer, types, parser), packed, and whether `error` is set: packet-kinds.ts. */
  private kinds: number;
  /** Position in the session decoder's output, from 0. */
  seq: number;
  time: number;
  namespace?: string;
  /** EVENT/BINARY_EVENT: the event name (first element of the data array). */
  event?: string | number;
  /**
   * The arguments as decoded, or where their JSON (or msgpack array) begins in `raw` when they are parsed again as
   * they are read (see keepArgsInRaw): a million packets in the timeline then hold their wire form, not a tree of
   * values each. A negative number, -(where + 1), marks JSON not checked yet.
   */
  private argsSource: unknown[] | number | undefined;
  /** Bytes on the wire, including attachments. */
  size: number;
  /** The packet as on the wire (header text for binary packets), cut to the preview limit. */
  raw: string | Uint8Array;

  /** The rare fields set (see RareFields): a million packets in the timeline do not each hold a slot for every one. */
  private rare: RareFields | undefined;

  constructor(
    seq: number,
    direction: Direction,
    transport: Transport,
    time: number,
    layer: PacketLayer,
    size: number,
    raw: string | Uint8Array,
  ) {
    this.kinds = kind.packKinds(direction, transport, layer);
    this.seq = seq;
    this.time = time;
    this.size = size;
    this.raw = raw;
  }

  /** The packet's rare fields, made when a value is first set (setting undefined on a packet without any makes none). */
  private rareFor(value: unknown): RareFields | undefined {
    return this.rare ?? (value === undefined ? undefined : (this.rare = new RareFields()));
  }

  get direction(): Direction {
    return kind.DIRECTIONS[this.kinds & 1];
  }
  set direction(value: Direction) {
    this.kinds = (this.kinds & ~1) | kind.directionCode(value);
  }
  get transport(): Transport {
    return kind.TRANSPORTS[(this.kinds >>> 1) & 3];
  }
  set transport(value: Transport) {
    this.kinds = (this.kinds & ~(3 << 1)) | (kind.transportCode(value) << 1);
  }
  get layer(): PacketLayer {
    return kind.LAYERS[(this.kinds >>> 3) & 3];
  }
  set layer(value: PacketLayer) {
    this.kinds = (this.kinds & ~(3 << 3)) | (kind.layerCode(value) << 3);
  }
  get eioType(): EioType | undefined {
    return kind.EIO_TYPES[(this.kinds >>> 5) & 7];
  }
  set eioType(value: EioType | undefined) {
    this.kinds = (this.kinds & ~(7 << 5)) | (kind.eioTypeCode(value) << 5);
  }
  get sioType(): SioType | undefined {
    return kind.SIO_TYPES[(this.kinds >>> 8) & 15];
  }
  set sioType(value: SioType | undefined) {
    this.kinds = (this.kinds & ~(15 << 8)) | (kind.sioTypeCode(value) << 8);
  }
  /** Socket.IO packets: the parser that encoded them. */
  get parser(): ParserKind | undefined {
    return kind.PARSERS[(this.kinds >>> 12) & 3];
  }
  set parser(value: ParserKind | undefined) {
    this.kinds = (this.kinds & ~(3 << 12)) | (kind.parserCode(value) << 12);
  }

  /** Protocol 4 CONNECT: the query the client appended to the namespace (`/admin?token=abc`). */
  get query(): string | undefined {
    return this.rare?.query;
  }
  set query(value: string | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.query = value;
  }

  /** Any other payload: CONNECT auth / handshake, ERROR / CONNECT_ERROR data, a plain engine.io message, HTTP error. */
  get data(): unknown {
    return this.rare?.data;
  }
  set data(value: unknown) {
    const rare = this.rareFor(value);
    if (rare) rare.data = value;
  }

  /** The ack id as a number. */
  get ackId(): number | undefined {
    return this.rare?.ackId;
  }
  set ackId(value: number | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.ackId = value;
  }

  /** The ack id digits exactly as sent (exact even beyond 2^53). */
  get ackIdDigits(): string | undefined {
    return this.rare?.ackIdDigits;
  }
  set ackIdDigits(value: string | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.ackIdDigits = value;
  }

  /** Declared binary attachments (BINARY_EVENT/BINARY_ACK). */
  get attachments(): number | undefined {
    return this.rare?.attachments;
  }
  set attachments(value: number | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.attachments = value;
  }

  /** Connection-state-recovery offset trailing a server EVENT (socket.io >= 4.6, when the CONNECT had a pid). */
  get offset(): string | undefined {
    return this.rare?.offset;
  }
  set offset(value: string | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.offset = value;
  }

  /** Open packet fields. */
  get open(): OpenInfo | undefined {
    return this.rare?.open;
  }
  set open(value: OpenInfo | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.open = value;
  }

  /** BINARY_EVENT/BINARY_ACK that waited for attachments: how many arrived (fewer than declared when cut short). */
  get attachmentsReceived(): number | undefined {
    return this.rare?.attachmentsReceived;
  }
  set attachmentsReceived(value: number | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.attachmentsReceived = value;
  }

  /** BINARY_EVENT/BINARY_ACK completed by a later frame than its header's (its last attachment, the text packet that
   * cut it short, or the end of the capture): that frame's time. `time` is the header's. */
  get completedAt(): number | undefined {
    return this.rare?.completedAt;
  }
  set completedAt(value: number | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.completedAt = value;
  }

  /** ACK → its EVENT, pong → its ping: the `seq` of the packet this one answers. */
  get replyTo(): number | undefined {
    return this.rare?.replyTo;
  }
  set replyTo(value: number | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.replyTo = value;
  }

  /** The other side of `replyTo`, set on the EVENT / ping when its answer arrives: the `seq` of that answer. */
  get answeredBy(): number | undefined {
    return this.rare?.answeredBy;
  }
  set answeredBy(value: number | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.answeredBy = value;
  }

  /** Milliseconds between the answered packet and this one. */
  get rtt(): number | undefined {
    return this.rare?.rtt;
  }
  set rtt(value: number | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.rtt = value;
  }

  /** A polling body that is no payload (layer `http`): the response's HTTP status, when known. */
  get httpStatus(): number | undefined {
    return this.rare?.httpStatus;
  }
  set httpStatus(value: number | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.httpStatus = value;
  }

  /**
   * BINARY_EVENT/BINARY_ACK whose arguments stay in its header's text (see keepArgsInRaw): its attachments as
   * received, put in place of their placeholders as the arguments are read.
   */
  get attachmentData(): readonly Uint8Array[] | undefined {
    return this.rare?.attachmentData;
  }
  set attachmentData(value: readonly Uint8Array[] | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.attachmentData = value;
  }

  /** The raw was cut to the preview limit. */
  get rawTruncated(): boolean | undefined {
    return this.rare?.rawTruncated;
  }
  set rawTruncated(value: boolean | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.rawTruncated = value;
  }

  /** Set when something is wrong: a human-readable explanation. Reading it checks unchecked arguments first. */
  get error(): string | undefined {
    this.checkArgs();
    return this.problem;
  }
  set error(value: string | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.error = value;
    this.kinds = value === undefined ? this.kinds & ~kind.FLAGGED : this.kinds | kind.FLAGGED;
  }

  /** The error as set, its arguments left unchecked: read from the rare fields only when flagged. */
  private get problem(): string | undefined {
    return (this.kinds & kind.FLAGGED) === 0 ? undefined : this.rare?.error;
  }

  /** Set with `error`: what kind of problem it is, for code to read. Reading it checks unchecked arguments first. */
  get errorKind(): ErrorKind | undefined {
    this.checkArgs();
    return this.rare?.errorKind;
  }
  set errorKind(value: ErrorKind | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.errorKind = value;
  }

  /** Informational remarks (e.g. which length rule a v3 payload matched). */
  get note(): string | undefined {
    return this.rare?.note;
  }
  set note(value: string | undefined) {
    const rare = this.rareFor(value);
    if (rare) rare.note = value;
  }

  /** EVENT: the arguments after the name; ACK: the acknowledgement arguments. Binary values are Uint8Array. */
  get args(): unknown[] | undefined {
    const source = this.argsSource;
    if (typeof source !== 'number') return source;
    const at = source < 0 ? -source - 1 : source;
    const read = argsInRaw(this.raw, at, this.event !== undefined, this.rare?.attachmentData);
    if (typeof read === 'string') return void this.flagArgs(read);
    if (read.placeholderProblem !== undefined) {
      // Placeholders out of range stay in the arguments, which the packet keeps, flagged as the decoder flags them.
      this.flagArgs(read.placeholderProblem, 'attachments', read.args);
      return read.args;
    }
    holdArgs(this, read.args, at);
    return (this.argsSource = read.args);
  }
  set args(args: unknown[] | undefined) {
    this.argsSource = args;
  }

  /**
   * Lets go of the arguments, read again from `raw` (whole) from `at` on: an EVENT's JSON or msgpack array, name
   * first, or an ACK's. `checked` false: not known to be JSON yet (checkArgs). With `held`: only if it still holds
   * those.
   */
  keepArgsInRaw(at: number, checked = true, held?: unknown[]): void {
    if (held === undefined || this.argsSource === held) this.argsSource = checked ? at : -at - 1;
  }

  /** Whether its arguments are not known to be JSON yet (reading `error`, `errorKind` or `args` checks them). */
  get argsUnchecked(): boolean {
    return typeof this.argsSource === 'number' && this.argsSource < 0;
  }

  /**
   * Checks arguments not known to be JSON yet (once), without building them, and flags them when they are not
   * (flagArgs). A binary packet's are read, for their placeholders are checked against its attachments.
   */
  private checkArgs(): void {
    const source = this.argsSource;
    if (typeof source !== 'number' || source >= 0) return;
    if (this.rare?.attachmentData !== undefined) {
      void this.args;
      return;
    }
    const problem = argsProblem(this.raw as string, -source - 1);
    if (problem === undefined) this.argsSource = -source - 1;
    else this.flagArgs(problem);
  }

  /**
   * Arguments not JSON (or placeholders out of range, `kind` attachments): flagged as the decoder flags them; no
   * arguments (or `args`, kept); the event name (counted, paired) stays.
   */
  private flagArgs(problem: string, errorKind: ErrorKind = 'bad-packet', args?: unknown[]): void {
    this.argsSource = args;
    this.error = this.problem === undefined ? problem : `${this.problem}; ${problem}`;
    if (this.rare?.errorKind === undefined) this.errorKind = errorKind;
  }
}
