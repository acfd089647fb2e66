import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import type { Page } from '@playwright/test';

// axe with every rule it has switched on (experimental and best-practice included). WCAG AAA rules (7:1
// contrast and the like) are returned apart, to be reported, not failed: AA is the bar.

const ALL_RULES = axe.getRules().map((r) => r.ruleId);
const AAA_ONLY = new Set(axe.getRules().filter((r) => r.tags.includes('wcag2aaa')).map((r) => r.ruleId));

export async function axeViolations(page: Page): Promise<{ failing: string[]; aaa: string[] }> {
  const { violations } = await new AxeBuilder({ page }).withRules(ALL_RULES).analyze();
  const describe = (v: (typeof violations)[number]) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.split('\n').slice(1, 2).join(' ').trim()}]` : ''}`).join('; ')}${v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : ''}`;
  return { failing: violations.filter((v) => !AAA_ONLY.has(v.id)).map(describe), aaa: violations.filter((v) => AAA_ONLY.has(v.id)).map(describe) };
}
