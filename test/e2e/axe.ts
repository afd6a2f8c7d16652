/** axe-core (npm) run over a panel page: what it finds of serious or critical impact. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'puppeteer-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
  /** How axe explains its first finding (e.g. the colours and their contrast). */
  why: string;
}

/**
 * Runs axe over the whole document of `panel` (injected through the driver, which the extension page's CSP does
 * not stop) and returns its serious and critical violations.
 */
export async function seriousViolations(panel: Page | Frame): Promise<Violation[]> {
  await panel.evaluate(AXE);
  return panel.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } }).axe;
    const { violations } = await axe.run(document);
    type Node = { target: string[]; failureSummary?: string };
    return (violations as { id: string; impact: string; help: string; nodes: Node[] }[])
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
        why: violation.nodes[0]?.failureSummary ?? '',
      }));
  });
}
