// Polling requests the server refused: Engine.IO's error codes 0-4 (5 is a version mismatch, see version-mismatch.ts)
// and plain HTTP errors. "Session ID unknown" in several sessions in a row is the load balancer without sticky sessions.
import { BoundedMap } from '../bounded';
import {
  ENGINE_IO_ERRORS,
  httpErrorOf,
  SESSION_ID_UNKNOWN,
  UNSUPPORTED_PROTOCOL_VERSION,
  type HttpError,
} from '../facts';
import type { SessionFacts } from '../session-facts';
import type { Rule } from '../types';

interface Advice {
  title: string;
  cause: string;
  fix: string;
}

const ENGINE_IO_ADVICE: Record<number, Omit<Advice, 'title'>> = {
  0: {
    cause:
      "The request's transport is not one the server accepts: the client's transports option asks for one the server's transports option leaves out, or a proxy rewrote the query.",
    fix: 'Give the client and the server the same transports (e.g. both ["polling", "websocket"]), and let proxies pass the query string unchanged.',
  },
  1: {
    cause:
      'The requests of one session reached different server instances (a load balancer without sticky sessions), or the server restarted and forgot the session.',
    fix: 'Turn on sticky sessions in the load balancer (by cookie or client IP), or connect with transports: ["websocket"] only, which needs one connection per session.',
  },
  2: {
    cause:
      'A request without a sid (a handshake) was not a GET: a proxy changed the method, or a client sent a POST first.',
    fix: 'Let the first request of a session be a GET, and let proxies keep the method as it is.',
  },
  3: {
    cause:
      "The server refused the request as malformed: its transport differs from the session's (a second upgrade of one session), a parameter is missing, or a middleware of the Engine.IO server failed.",
    fix: "Check that each session is used by one client only, that proxies keep the query string, and the server's engine middlewares.",
  },
  4: {
    cause: "The server's allowRequest check refused the request (an origin, cookie or token it does not accept).",
    fix: "Send what the server's allowRequest expects, or widen it (e.g. its cors/origin settings).",
  },
};

function advice(error: HttpError): Advice {
  if (error.code !== undefined && ENGINE_IO_ADVICE[error.code])
    return { title: ENGINE_IO_ERRORS[error.code] ?? `Error ${error.code}`, ...ENGINE_IO_ADVICE[error.code] };
  const status = error.status ?? 0;
  if (status === 404)
    return {
      title: 'HTTP 404 from the Socket.IO endpoint',
      cause:
        "Nothing serves Socket.IO at this path: the client's path option differs from the server's, or a proxy does not route it.",
      fix: 'Give the client and the server the same path option (default "/socket.io/"), and route that path through the proxy.',
    };
  if (status >= 500)
    return {
      title: `HTTP ${status} from the Socket.IO endpoint`,
      cause: 'A proxy could not reach the server (it is down or restarting), or the server failed on the request.',
      fix: 'Check that the server is up and reachable from the proxy, and its logs for the failure.',
    };
  return {
    title: `HTTP ${status || 'error'} from the Socket.IO endpoint`,
    cause: 'The server or a proxy refused the polling request.',
    fix: 'Look at the response in the packet details and at what sits between the page and the server.',
  };
}

function describe(facts: SessionFacts, error: HttpError, streak: number): string {
  const body =
    error.code !== undefined ? ` {"code":${error.code},"message":${JSON.stringify(error.message ?? '')}}` : '';
  const sid = facts.session.sid ? ` of session ${facts.session.sid}` : '';
  const answered = `The server answered a polling request${sid} with HTTP ${error.status ?? '?'}${body}.`;
  if (error.code !== SESSION_ID_UNKNOWN || streak < 2) return answered;
  return `${answered} ${streak} sessions in a row lost their requests so: each session's requests reach different server instances.`;
}

export function httpErrorsRule(): Rule {
  /** Per URL: the last session that got "Session ID unknown", and how many sessions in a row did (none connected). */
  const streaks = new BoundedMap<string, { session: string; length: number }>(1_000);
  function streakOf(facts: SessionFacts): number {
    const last = streaks.get(facts.url);
    if (last?.session === facts.session.id) return last.length;
    const length = (last?.length ?? 0) + 1;
    streaks.set(facts.url, { session: facts.session.id, length });
    return length;
  }
  return {
    packet(facts, packet, context) {
      if (packet.sioType === 'CONNECT' && packet.direction === 'received') streaks.delete(facts.url);
      const error = httpErrorOf(packet);
      if (!error || error.code === UNSUPPORTED_PROTOCOL_VERSION) return;
      const streak = error.code === SESSION_ID_UNKNOWN ? streakOf(facts) : 0;
      const { title, cause, fix } = advice(error);
      context.report({
        rule: 'http-error',
        key: `http-error:${error.code ?? `http${error.status ?? ''}`}:${facts.url}`,
        severity: 'error',
        title,
        detail: describe(facts, error, streak),
        cause,
        fix,
        time: packet.time,
        sessions: [facts.session],
        packets: [{ session: facts.session, packet }],
      });
    },
  };
}
