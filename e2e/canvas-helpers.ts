/** Ways to act on the canvas as a user does, shared by the e2e journeys. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The React Flow canvas. */
export const canvas = (page: Page) => page.getByTestId('canvas');
/** A neuron node by its label. */
export const neuron = (page: Page, label: string) => page.getByTestId(`neuron-${label}`);
/** Every synapse edge. */
export const edges = (page: Page) => page.locator('.react-flow__edge');
/** The synapse path from one labelled neuron to another. */
export const synapse = (page: Page, from: string, to: string) => page.locator(`path[data-testid="synapse-${from}-${to}"]`);

/** The centre of an element on screen. */
export async function centerOf(l: Locator): Promise<{ x: number; y: number }> {
  const b = await l.boundingBox();
  if (!b) throw new Error('element not visible');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Waits until the canvas viewport stops moving (fit view, zoom and a new project's fit animate). */
export async function viewportSettled(page: Page) {
  const transform = () => page.locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform);
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await transform();
        const still = now === last;
        last = now;
        return still;
      },
      { intervals: [150, 150, 200, 300, 500] },
    )
    .toBe(true);
}

/** Waits until no CSS animation or transition is running in the page (a theme switch fades its colours). */
export async function animationsIdle(page: Page) {
  await expect.poll(() => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length)).toBe(0);
}

/** Waits until a node is on screen and its box has stopped moving (measured, placed, any transition over). */
export async function settled(node: Locator) {
  await expect(node).toBeVisible();
  let last = '';
  await expect
    .poll(async () => {
      const b = await node.boundingBox();
      const now = JSON.stringify(b);
      const still = !!b && now === last;
      last = now;
      return still;
    })
    .toBe(true);
}

/** Drags a palette tile onto the canvas at a point relative to the canvas (HTML5 drag and drop). */
export async function dropFromPalette(page: Page, role: 'input' | 'hidden' | 'output', x: number, y: number) {
  await page.getByTestId(`palette-${role}`).dragTo(canvas(page), { targetPosition: { x, y } });
}

/** A mouse drag from one point to another in small steps, as React Flow needs for a connection. */
export async function mouseDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/** Wires `from`'s output handle to `to`'s input handle (or to its body when `onBody`). */
export async function wire(page: Page, from: string, to: string, onBody = false) {
  const start = await centerOf(neuron(page, from).locator('.react-flow__handle.source'));
  const end = onBody ? await centerOf(neuron(page, to)) : await centerOf(neuron(page, to).locator('.react-flow__handle.target'));
  await mouseDrag(page, start, end);
}

/** Runs a command from the in-page menu bar, e.g. menu(page, 'File', 'file.close'). */
export async function menu(page: Page, title: string, command: string) {
  await page.getByRole('menubar').getByRole('menuitem', { name: title, exact: true }).click();
  await page.getByTestId(`menu-${command}`).click();
}

/** Builds x1 → h1 → y1 (h1 tanh, x1→h1 weight −1.25) through the palette, handles and inspector. */
export async function buildChain(page: Page) {
  await expect(canvas(page)).toBeVisible();
  await dropFromPalette(page, 'input', 140, 200);
  await dropFromPalette(page, 'hidden', 400, 200);
  await dropFromPalette(page, 'output', 660, 200);
  // A handle is only where the drag starts once React Flow has measured and placed its node.
  for (const label of ['x1', 'h1', 'y1']) await settled(neuron(page, label));
  await wire(page, 'x1', 'h1');
  await wire(page, 'h1', 'y1');
  await expect(edges(page)).toHaveCount(2);
  await neuron(page, 'h1').click();
  await page.getByTestId('activation-select').selectOption('tanh');
  await synapse(page, 'x1', 'h1').click({ force: true });
  await page.getByTestId('weight-input').fill('-1.25');
  await page.getByTestId('weight-input').press('Enter');
}

/** Saves the project under a name through the in-page Save As dialog and waits for the confirmation. */
export async function saveAs(page: Page, name: string) {
  await page.keyboard.press('Control+s');
  await page.getByTestId('save-name-input').fill(name);
  await page.getByTestId('save-name-input').press('Enter');
  await expect(page.getByTestId('toast').filter({ hasText: `Saved ${name}.` })).toBeVisible();
}
