import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';
import { PHONE, screenshot, signInAndWait } from './helpers';

// A patient asks their nutrition team a question on a phone; the nutritionist sees it unread, replies and turns
// it into a task; the reply appears in the patient's open conversation without a reload; script in a message is
// shown as text. A portal patient no other browser test writes to: Keiko Fischer (nutritionist Tomas Berg).

const PATIENT = 'keiko.fischer@patients.axis.test';
const NUTRITIONIST = 'tomas.berg@axis.test';
const SUBJECT = `Rash after the wheat day ${Date.now().toString(36)}`;

test('a patient asks on a phone; the nutritionist replies live and makes it a task', async ({ browser }) => {
  test.setTimeout(150_000);
  const patient = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signInAndWait(patient, PATIENT, /\/portal$/);
  await patient.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Messages/ }).click();
  await expect(patient.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  await expect(patient.getByRole('note').filter({ hasText: 'Messages are not for emergencies' })).toContainText('Your care team usually answers within 2 working days.');

  // Nothing typed is lost when the send is refused.
  await patient.getByLabel('To').selectOption({ label: 'My nutrition team' });
  await patient.getByLabel('Your message').fill('My arms itched after the wheat day. <script>alert(1)</script> Should I stop?');
  await patient.getByRole('button', { name: 'Send message' }).click();
  await expect(patient.getByText('Give the message a subject.')).toBeVisible();
  await expect(patient.getByLabel('Your message')).toHaveValue('My arms itched after the wheat day. <script>alert(1)</script> Should I stop?');
  await patient.getByLabel('Subject').fill(SUBJECT);
  await patient.getByRole('button', { name: 'Send message' }).click();
  await expect(patient).toHaveURL(/\/portal\/messages\/[0-9a-f-]{36}$/);
  await expect(patient.getByRole('heading', { level: 1, name: SUBJECT })).toBeVisible();
  await expect(patient.getByTestId('message')).toHaveCount(1);
  // The script is text on the page, not markup.
  await expect(patient.getByTestId('message').first()).toContainText('<script>alert(1)</script>');
  await screenshot(patient, 'messages-portal-asked');
  const portal = await axeViolations(patient);
  expect(portal.failing, portal.failing.join('\n')).toEqual([]);

  // The nutritionist: unread in the header and the inbox, awaiting a reply.
  const clinician = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signInAndWait(clinician, NUTRITIONIST, /\/patients$/);
  await expect(clinician.getByRole('navigation', { name: 'Main' }).getByTestId('nav-badge')).toBeVisible();
  await clinician.goto('/messages?filter=awaiting');
  const row = clinician.getByTestId('conversation-row').filter({ hasText: SUBJECT });
  await expect(row).toContainText('Awaiting reply');
  await screenshot(clinician, 'messages-inbox');
  await row.getByRole('link', { name: SUBJECT }).click();
  await expect(clinician.getByRole('heading', { level: 1, name: SUBJECT })).toBeVisible();
  await clinician.getByLabel('Reply').fill('Please pause the wheat challenge and log the itch in your diary. I will call you tomorrow.');
  await clinician.getByRole('button', { name: 'Send reply' }).click();
  await expect(clinician.getByTestId('message')).toHaveCount(2);

  // The patient's open page shows the reply without a reload.
  await expect(patient.getByTestId('message')).toHaveCount(2, { timeout: 15_000 });
  await expect(patient.getByTestId('message').nth(1)).toContainText('Please pause the wheat challenge');
  await screenshot(patient, 'messages-portal-reply');

  // The patient's question becomes a task for the nutritionist.
  const first = clinician.getByTestId('message').first();
  await first.getByLabel('Make a task for').selectOption({ label: 'Tomas Berg, RD (Nutrition)' });
  await first.getByRole('button', { name: 'Make task' }).click();
  await expect(clinician.getByTestId('message').first()).toContainText('A task was made from this message.');
  // The clinician's own reply offers no task (it is not something to act on).
  await expect(clinician.getByTestId('message').nth(1).getByLabel('Make a task for')).toHaveCount(0);
  const detail = await axeViolations(clinician);
  expect(detail.failing, detail.failing.join('\n')).toEqual([]);
  await screenshot(clinician, 'messages-clinician-thread');

  // The caseload no longer counts it as unanswered: the team replied last.
  await clinician.goto('/patients?messages=unanswered');
  await expect(clinician.getByTestId('caseload-row').filter({ hasText: 'Fischer' })).toHaveCount(0);
});
