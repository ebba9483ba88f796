/**
 * Checks every end-to-end test makes of a page as it stands. Accessibility:
 * axe-core, WCAG 2.1 A and AA plus axe's best practices, failing only on
 * serious and critical violations, each described on one line (rule, impact,
 * help text and the elements) so a failure says what to fix. Fit: nothing
 * scrolls sideways at the window's width. Screenshots: kept only when
 * QUORUM_SCREENSHOTS names a folder, to look at what a test saw.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How far the page or its scrolling main area is wider than the window. */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const areas = [document.documentElement, document.body, document.querySelector('.app-main')].filter((el): el is Element => !!el);
    return Math.max(...areas.map((el) => el.scrollWidth - el.clientWidth));
  });
}

/** A screenshot of the window as it is, into $QUORUM_SCREENSHOTS/<name>.png; nothing when the variable is not set. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.QUORUM_SCREENSHOTS;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: false });
}
