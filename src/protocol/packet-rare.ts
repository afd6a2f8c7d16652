// The fields of a Packet that most packets leave unset, in one object of their own.
import type { ErrorKind, OpenInfo } from './types';

/**
 * The fields most packets leave unset, all of them in one shape, made when one of them is first set. Packet reads
 * and writes each through an accessor of its own, so every access is a load or store at a known place.
 */
export class RareFields {
  error: string | undefined = undefined;
  query: string | undefined = undefined;
  data: unknown = undefined;
  ackId: number | undefined = undefined;
  ackIdDigits: string | undefined = undefined;
  attachments: number | undefined = undefined;
  offset: string | undefined = undefined;
  open: OpenInfo | undefined = undefined;
  attachmentsReceived: number | undefined = undefined;
  attachmentData: readonly Uint8Array[] | undefined = undefined;
  completedAt: number | undefined = undefined;
  replyTo: number | undefined = undefined;
  answeredBy: number | undefined = undefined;
  rtt: number | undefined = undefined;
  httpStatus: number | undefined = undefined;
  rawTruncated: boolean | undefined = undefined;
  errorKind: ErrorKind | undefined = undefined;
  note: string | undefined = undefined;
}
