/**
 * Which debugger targets are workers of a tab, and of which kind: pure decisions over what CDP and
 * `chrome.debugger.getTargets()` say (untrusted shapes, checked here).
 */
import type { WorkerKind } from '../../messages';
import { isPlainObject } from '../../protocol';
import type { DebuggerTarget } from '../../platform/debugger';

/** CDP target types of workers (`Target.TargetInfo.type`), by the kind the panel names. */
const KINDS: Record<string, WorkerKind> = { worker: 'dedicated', shared_worker: 'shared', service_worker: 'service' };

/** A target the tab's auto-attach reported (`Target.attachedToTarget`), as far as it is of the right shape. */
export interface AttachedTarget {
  sessionId: string;
  targetId: string;
  type: string;
  url: string;
  waitingForDebugger: boolean;
}

/** The fields of `Target.attachedToTarget` the capture reads, or undefined when they are not of CDP's shape. */
export function attachedTarget(params: unknown): AttachedTarget | undefined {
  if (!isPlainObject(params) || typeof params.sessionId !== 'string' || !isPlainObject(params.targetInfo)) return;
  const { targetId, type, url } = params.targetInfo;
  if (typeof targetId !== 'string' || typeof type !== 'string' || typeof url !== 'string') return;
  return { sessionId: params.sessionId, targetId, type, url, waitingForDebugger: params.waitingForDebugger === true };
}

/** The worker kind of a CDP target type; undefined for pages, iframes, worklets and the rest. */
export function workerKind(type: string): WorkerKind | undefined {
  return Object.hasOwn(KINDS, type) ? KINDS[type] : undefined;
}

function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * The workers that may be shared workers of a tab, which its auto-attach does not report: workers of no tab, of the
 * origin of the tab's page, that the capture does not know yet (`known`: those it reaches or passed over). The list
 * does not tell shared from service workers (both are `worker`): the caller asks each one's CDP type.
 */
export function sharedWorkersOf(
  tabId: number,
  targets: DebuggerTarget[],
  known: ReadonlySet<string>,
): DebuggerTarget[] {
  const page = targets.find((target) => target.tabId === tabId && target.type === 'page');
  const origin = page && originOf(page.url);
  if (!origin) return [];
  return targets.filter(
    (target) =>
      target.type === 'worker' &&
      target.tabId === undefined &&
      !known.has(target.id) &&
      originOf(target.url) === origin,
  );
}
