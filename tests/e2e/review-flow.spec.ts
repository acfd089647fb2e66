import { expect, test } from '@playwright/test';
import { DERMATOLOGIST, PHONE, screenshot, signInAndWait } from './helpers';

// Review is a flow: find the records with colleagues' results to review from the caseload, work
// through a record's queue with "Mark reviewed and go to next", leave a comment, see the status.

test('a clinician filters the caseload to what awaits review and works through a record’s queue', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);

  // Filter and sort from the caseload's controls; both land in the URL.
  await page.getByLabel('Review').selectOption('awaiting');
  await expect(page).toHaveURL(/review=awaiting/);
  // One click on the column: the records with the most to review first.
  await page.getByRole('button', { name: /To review/ }).click();
  await expect(page).toHaveURL(/sort=awaitingReview/);
  await expect(page).not.toHaveURL(/dir=asc/);
  await expect(page.locator('caption')).toContainText('sorted by results to review, descending');
  const rows = page.getByTestId('caseload-row');
  await expect(rows.first()).toBeVisible();
  const counts = await rows.evaluateAll((trs) => trs.map((tr) => Number(/(\d+) results?/.exec(tr.textContent ?? '')?.[1] ?? 0)));
  expect(counts.every((n) => n > 0), `every filtered row has something to review: ${counts}`).toBe(true);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  expect(counts[0]).toBeGreaterThanOrEqual(2);
  await screenshot(page, 'review-caseload-filter');

  // The busiest record: its queue is at the top, every awaiting item listed.
  await rows.first().getByRole('link').first().click();
  const queue = page.getByRole('region', { name: /^To review \(\d+\)$/ });
  await expect(queue).toBeVisible();
  const before = Number(/\((\d+)\)/.exec((await queue.getByRole('heading').innerText()) ?? '')?.[1]);
  expect(before).toBe(counts[0]);
  await expect(queue.getByRole('row')).toHaveCount(before + 1); // header row + one per item

  await queue.getByRole('link', { name: 'Start reviewing' }).click();
  const panel = page.getByTestId('review-panel');
  await expect(panel).toContainText('Awaiting your review');
  const firstUrl = page.url();
  await panel.getByLabel('Comment (optional)').fill('Discussed at the joint clinic.');
  await screenshot(page, 'review-panel');
  await panel.getByRole('button', { name: 'Mark reviewed and go to next' }).click();
  await expect(page).not.toHaveURL(firstUrl);
  await expect(page.getByTestId('review-panel')).toBeVisible();

  // The reviewed result says so at the top, with the comment.
  await page.goto(firstUrl);
  await expect(page.getByTestId('review-status')).toContainText('Reviewed by you');
  await expect(page.getByTestId('review-status')).toContainText('“Discussed at the joint clinic.”');
  await expect(page.getByTestId('review-panel')).toHaveCount(0);

  // And the queue is one shorter.
  await page.goto(firstUrl.replace(/\/results\/.*$/, ''));
  if (before > 1) await expect(page.getByRole('region', { name: `To review (${before - 1})` })).toBeVisible();
  await page.setViewportSize(PHONE);
  await screenshot(page, 'review-queue-phone');
});
