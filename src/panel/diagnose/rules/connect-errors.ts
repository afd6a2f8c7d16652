// A namespace that refused the connection: CONNECT_ERROR (protocol 5: `{message, data}`) or ERROR (protocol 4: the
// middleware's `err.data`, or its `err.message`), with the CONNECT it answers.
import type { Packet } from '../../../protocol';
import { previewValue } from '../../format-packet';
import { BoundedMap } from '../bounded';
import { quoted } from '../facts';
import type { Rule } from '../types';

/** The refusal's message and data, as the middleware gave them. */
function refusal(packet: Packet): { message?: string; data?: unknown } {
  const value = packet.data;
  if (typeof value === 'string') return { message: value };
  if (packet.sioType === 'ERROR') return { data: value };
  const { message, data } = (value ?? {}) as { message?: unknown; data?: unknown };
  return { ...(typeof message === 'string' ? { message } : {}), ...(data !== undefined ? { data } : {}) };
}

export function connectErrorsRule(): Rule {
  /** The page's latest CONNECT of each namespace of each session, answered or not. */
  const connects = new BoundedMap<string, Packet>(10_000);
  return {
    packet(facts, packet, context) {
      const { sioType } = packet;
      if (sioType !== 'CONNECT' && sioType !== 'CONNECT_ERROR' && sioType !== 'ERROR') return;
      const namespace = packet.namespace ?? '/';
      const at = `${facts.session.id}|${namespace}`;
      if (sioType === 'CONNECT' && packet.direction === 'sent') connects.set(at, packet);
      if (sioType === 'CONNECT' || packet.direction !== 'received') return;
      const { message, data } = refusal(packet);
      const connect = connects.get(at);
      connects.delete(at);
      const name = quoted(namespace);
      const unknown = message === 'Invalid namespace';
      const said = [
        message !== undefined ? `message ${quoted(message)}` : '',
        data !== undefined ? `data ${previewValue(data)}` : '',
      ].filter(Boolean);
      context.report({
        rule: 'connect-error',
        key: `connect-error:${facts.url}:${namespace}:${message ?? previewValue(data)}`,
        severity: 'error',
        title: `Namespace ${name} refused the connection${message !== undefined ? `: ${quoted(message)}` : ''}`,
        detail: `The server answered the page's CONNECT to ${name} with ${packet.sioType}: ${said.join(', ') || 'no message'}.`,
        cause: unknown
          ? `The server has no namespace ${name} (nothing called io.of(${name}) there).`
          : `A middleware of namespace ${name} (io.of(${name}).use(…) or io.use(…) for "/") refused it: next(new Error(${quoted(message ?? '…')}))${data !== undefined ? ' with err.data' : ''}.`,
        fix: unknown
          ? `Create the namespace on the server (io.of(${name})), or connect to one that exists.`
          : 'Send what the middleware checks (e.g. io(url, { auth: { token } })), and handle the refusal in the page: socket.on("connect_error", (err) => … err.message, err.data).',
        time: packet.time,
        sessions: [facts.session],
        packets: [...(connect ? [connect] : []), packet].map((refused) => ({
          session: facts.session,
          packet: refused,
        })),
      });
    },
  };
}
