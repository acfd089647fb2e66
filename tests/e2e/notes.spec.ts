import { expect, test, type Page } from '@playwright/test';
import { DERMATOLOGIST, screenshot, signInAndWait } from './helpers';

const NUTRITIONIST = 'nina.patel@axis.test';
const TASK = 'review diet before next derm visit';

async function openChen(page: Page) {
  await page.goto('/patients?q=maya+chen');
  await page.getByTestId('caseload-row').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chen, Maya' })).toBeVisible();
}

/** No script may ever run: any alert/confirm/prompt fails the test. */
function failOnDialog(page: Page) {
  page.on('dialog', (dialog) => {
    void dialog.dismiss();
    throw new Error(`A dialog fired: ${dialog.message()}`);
  });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test('a nutritionist mentions and tasks a dermatologist, who sees it "For you" and marks it done; signed notes are amended, never edited', async ({ page }) => {
  failOnDialog(page);
  await signInAndWait(page, NUTRITIONIST, /\/patients$/);
  await openChen(page);
  const notesCard = page.getByRole('region', { name: 'Treatment notes' });
  await notesCard.getByRole('link', { name: '+ Note' }).click();
  await expect(page.getByRole('heading', { name: /New treatment note: Chen, Maya/ })).toBeVisible();

  const body = page.getByLabel('Note (Markdown)');
  await body.fill('## Diet review\nStarted **low-FODMAP** for 6 weeks; lactose-free dairy only.\n\n- bloating improved\n- stool diary kept\n\n@Elena Rivera please see the task below.');
  const preview = page.getByTestId('note-preview');
  await expect(preview.locator('strong')).toHaveText('low-FODMAP');
  await expect(preview.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByText('Will notify: Dr. Elena Rivera')).toBeVisible();

  // Care team only is the default; sharing is a deliberate choice with a warning.
  await expect(page.getByRole('radio', { name: /Care team only/ })).toBeChecked();
  await page.getByRole('radio', { name: /Shared with the patient/ }).check();
  await expect(page.getByRole('note').filter({ hasText: 'This note will be shared with the patient' })).toBeVisible();
  await page.getByRole('radio', { name: /Care team only/ }).check();
  await expect(page.getByText('This note will be shared with the patient')).toHaveCount(0);

  // Tag the newest result and give the dermatologist a task.
  await page.getByRole('group', { name: 'Tag results' }).getByRole('checkbox').first().check();
  await page.getByRole('button', { name: '+ Assign a task' }).click();
  await page.getByLabel('Task 1: colleague').selectOption({ label: 'Dr. Elena Rivera (Dermatology)' });
  await page.getByLabel('Task 1: what to do').fill(TASK);
  await screenshot(page, 'notes-new');

  await page.getByRole('button', { name: 'Sign note' }).click();
  await expect(page).toHaveURL(/\/notes\/[0-9a-f-]{36}$/);
  const noteUrl = page.url();
  await expect(page.getByRole('heading', { level: 1, name: 'Treatment note' })).toBeVisible();
  await expect(page.getByTestId('note-body').locator('strong')).toHaveText('low-FODMAP');
  await expect(page.getByText('Signed', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Tagged to' })).toContainText('Result:');
  await expect(page.getByRole('region', { name: 'Mentions and tasks' })).toContainText(TASK);
  // Signed: locked. No edit, only Amend.
  await expect(page.getByRole('link', { name: 'Edit draft' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign note' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Amend' })).toBeVisible();
  await screenshot(page, 'notes-signed');

  // The patient record lists it, newest first, with its badges.
  await page.getByRole('link', { name: '← Back to the patient record' }).click();
  const first = page.getByRole('region', { name: 'Treatment notes' }).getByTestId('note-item').first();
  await expect(first).toContainText('Signed');
  await expect(first).toContainText('Nina Patel, RD');
  await expect(first).toContainText('Diet review');
  await screenshot(page, 'notes-patient-record');
  await signOut(page);

  // The dermatologist sees it "For you" on the home page, opens it and marks it done.
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  const forYou = page.getByRole('region', { name: /For you/ });
  const item = forYou.getByTestId('for-you-item').filter({ hasText: TASK });
  await expect(item).toContainText('Chen, Maya');
  await expect(item).toContainText('from Nina Patel, RD');
  await screenshot(page, 'notes-for-you');
  await item.getByRole('link', { name: 'Chen, Maya' }).click();
  await expect(page).toHaveURL(noteUrl);
  // Not the author: no Amend, no edit.
  await expect(page.getByRole('link', { name: 'Amend' })).toHaveCount(0);
  await page.getByRole('button', { name: `Done: ${TASK}` }).click();
  await expect(page.getByRole('region', { name: 'Mentions and tasks' })).toContainText('Done by Dr. Elena Rivera');
  await page.goto('/patients');
  await expect(page.getByRole('region', { name: /For you/ }).getByText(TASK)).toHaveCount(0);
  await screenshot(page, 'notes-for-you-done');
  await signOut(page);

  // The author amends the signed note; the original stays in the history.
  await signInAndWait(page, NUTRITIONIST, /\/patients$/);
  await page.goto(noteUrl);
  await page.getByRole('link', { name: 'Amend' }).click();
  await expect(page.getByRole('heading', { name: /Amend signed note \(version 1\)/ })).toBeVisible();
  await page.getByLabel('Note (Markdown)').fill('## Diet review\nStarted **low-FODMAP** for 4 weeks; lactose-free dairy only.');
  await page.getByRole('button', { name: 'Sign amendment' }).click();
  // Without a reason nothing is saved and the text typed stays.
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toBeVisible();
  await expect(page.getByText('Say why the signed note is being amended.')).toBeVisible();
  await expect(page.getByLabel('Note (Markdown)')).toHaveValue(/for 4 weeks/);
  await page.getByLabel('Reason for the amendment').fill('Duration is 4 weeks, not 6');
  await page.getByRole('button', { name: 'Sign amendment' }).click();
  await expect(page).toHaveURL(/\/notes\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Amended', { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('note-body')).toContainText('for 4 weeks');
  const history = page.getByRole('list', { name: 'Versions' });
  await expect(history).toContainText('Version 2 (current) · Amendment');
  await expect(history).toContainText('Reason: Duration is 4 weeks, not 6');
  await expect(history).toContainText('Version 1 (superseded) · Signed');
  await history.getByText('Show version 1 text').click();
  await expect(history).toContainText('for 6 weeks');
  await expect(page.getByRole('link', { name: 'Edit draft' })).toHaveCount(0);
  await screenshot(page, 'notes-amended');
});

test('script and javascript: links in a note render as inert text; a draft can be edited until signed', async ({ page }) => {
  failOnDialog(page);
  await signInAndWait(page, NUTRITIONIST, /\/patients$/);
  await openChen(page);
  await page.getByRole('region', { name: 'Treatment notes' }).getByRole('link', { name: '+ Note' }).click();

  const payload = 'Check <script>alert(1)</script> and [x](javascript:alert(1)) and <img src=x onerror=alert(2)> and @xyz';
  await page.getByLabel('Note (Markdown)').fill(payload);
  const preview = page.getByTestId('note-preview');
  await expect(preview).toContainText('<script>alert(1)</script>');
  await expect(preview.locator('a')).toHaveCount(0);
  await expect(page.getByText('@xyz is not on this care team')).toBeVisible();
  // Saving with a name not on the team is refused; nothing typed is lost.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toBeVisible();
  await expect(page.getByLabel('Note (Markdown)')).toHaveValue(payload);
  await page.getByLabel('Note (Markdown)').fill(payload.replace(' and @xyz', ''));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/notes\/[0-9a-f-]{36}$/);

  const note = page.getByTestId('note-body');
  await expect(note).toContainText('<script>alert(1)</script>');
  await expect(note).toContainText('<img src=x onerror=alert(2)>');
  await expect(note.locator('script, img, a[href^="javascript"]')).toHaveCount(0);
  await note.getByText('x', { exact: true }).click();
  await expect(page.getByText('Draft', { exact: true }).first()).toBeVisible();
  await screenshot(page, 'notes-xss-inert');

  // A draft is edited (a new version) and then signed; once signed there is no edit.
  await page.getByRole('link', { name: 'Edit draft' }).click();
  await page.getByLabel('Note (Markdown)').fill('Payload test, cleaned up.');
  await page.getByRole('radio', { name: /Shared with the patient/ }).check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByTestId('note-body')).toContainText('Payload test, cleaned up.');
  await expect(page.getByText('Shared with patient', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Versions' })).toContainText('Version 2 (current) · Draft');
  await page.getByRole('button', { name: 'Sign note' }).click();
  await expect(page.getByRole('list', { name: 'Versions' })).toContainText('Version 3 (current) · Signed');
  await expect(page.getByRole('link', { name: 'Edit draft' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Amend' })).toBeVisible();
  // A stale edit page for the signed note says it is locked.
  await page.goto(page.url().replace(/\/notes\/([0-9a-f-]{36})$/, '/notes/$1/edit'));
  await expect(page.getByText('This note is signed and locked.')).toBeVisible();
});

test('templates, @-autocomplete of the team, a grouped searchable tag picker, and back links that land', async ({ page }) => {
  failOnDialog(page);
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await openChen(page);
  await page.getByRole('region', { name: 'Treatment notes' }).getByRole('link', { name: '+ Note' }).click();
  const body = page.getByLabel('Note (Markdown)');

  // A template fills an empty note, and is added after anything typed, never over it.
  await body.fill('Seen with her mother today.');
  await page.getByLabel('Template').selectOption({ label: 'SOAP note' });
  await page.getByRole('button', { name: 'Add to the note' }).click();
  await expect(body).toHaveValue(/^Seen with her mother today\.\n\n## Subjective/);

  // @ then a few letters offers the colleagues on the team; Enter picks the highlighted one.
  await body.press('End');
  await body.pressSequentially('\n@ni');
  const suggestions = page.getByRole('listbox', { name: 'Colleagues to mention' });
  await expect(suggestions.getByRole('option')).toHaveText([/Nina Patel/]);
  await body.press('Enter');
  await expect(body).toHaveValue(/@Nina Patel $/);
  await expect(page.getByText('Will notify: Nina Patel, RD')).toBeVisible();
  await expect(suggestions).toBeHidden();

  // Tags are grouped (scores by instrument) and searchable; a ticked tag stays in view.
  const tags = page.getByRole('group', { name: 'Tag results' });
  await expect(tags.getByRole('group', { name: 'Breath tests' })).toBeVisible();
  await expect(tags.getByRole('group', { name: /^Scores · / }).first()).toBeVisible();
  await tags.getByRole('group', { name: 'Breath tests' }).getByRole('checkbox').first().check();
  await tags.getByRole('searchbox').fill('EASI');
  await expect(tags.getByRole('group', { name: 'Scores · EASI' })).toBeVisible();
  await expect(tags.getByRole('group', { name: 'Breath tests' })).toBeVisible(); // the ticked one stays
  await expect(tags.getByRole('group', { name: /Food panels/ })).toHaveCount(0);
  await screenshot(page, 'notes-editor-tools');

  // "Back to the patient record" lands on the notes section, not the top of the page.
  await page.getByRole('link', { name: /Back to the patient record/ }).click();
  await expect(page).toHaveURL(/#notes$/);
  await expect(page.getByRole('region', { name: 'Treatment notes' })).toBeInViewport();
});
