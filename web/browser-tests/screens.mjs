// Checks of a screen as a person meets it: axe-core's WCAG 2.1 A/AA rules, a screenshot at
// 390×844, no horizontal scrolling at 200 % zoom on a 360 px screen (180 CSS px wide), and a
// visible focus ring on whatever the keyboard reaches first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PHONE, screenshotPath } from './harness.mjs';

// Evaluated through the debugging protocol: the app's Content-Security-Policy (scripts from its own
// origin only) stays on, as users get it.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource}\n;undefined`);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

export async function checkScreen(page, name) {
  assert.deepEqual(await axeViolations(page), [], `axe-core on ${name}`);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  await page.setViewportSize({ width: 180, height: 422 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.setViewportSize(PHONE);
  assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow} px at 200 % zoom`);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/', `${name}: nothing in the URL`);
}

/** Tabs to the first focusable element and checks it shows a focus outline. */
export async function checkVisibleFocus(page, name) {
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  assert.ok(outline.style !== 'none' && outline.width >= 2, `${name}: focus is visible (${JSON.stringify(outline)})`);
}

/** The accessible text of the focused element: its label's text, or its own. */
function focusedName(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    const label = element?.labels?.[0] ?? null;
    return ((label ?? element)?.textContent ?? '').trim();
  });
}

/** Presses Tab until the focused element's name starts with `name`, checking its focus ring. */
export async function tabTo(page, name, limit = 120) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedName(page)).startsWith(name)) {
      const outline = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      });
      assert.ok(outline, `the focus on "${name}" is visible`);
      return;
    }
  }
  assert.fail(`Tab never reached "${name}"`);
}
