// Every rule, in the order they see each packet.
import type { Rule } from '../types';
import { connectErrorsRule } from './connect-errors';
import { disconnectsRule } from './disconnects';
import { duplicateDeliveryRule } from './duplicate-delivery';
import { heartbeatRule } from './heartbeat';
import { httpErrorsRule } from './http-errors';
import { payloadSizeRule } from './payload-size';
import { reconnectStormRule } from './reconnect-storm';
import { reservedEventsRule } from './reserved-events';
import { unansweredAcksRule } from './unanswered-acks';
import { upgradeRule } from './upgrade';
import { versionMismatchRule } from './version-mismatch';

export const RULES: readonly (() => Rule)[] = [
  httpErrorsRule,
  versionMismatchRule,
  heartbeatRule,
  unansweredAcksRule,
  connectErrorsRule,
  disconnectsRule,
  reconnectStormRule,
  upgradeRule,
  payloadSizeRule,
  reservedEventsRule,
  duplicateDeliveryRule,
];
