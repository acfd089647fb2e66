import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';
import { PHONE, screenshot, signInAndWait } from './helpers';

// A gastroenterologist records a stool test on a phone: calprotectin against the lab's own interval, a FIT at
// the referral threshold, and the patient's consumer microbiome report, whose F/B ratio is refused without
// losing what was typed. The result is shared, and the patient reads it in plain words.

const GASTRO = 'kenji.sato@axis.test';
// A portal patient no other browser test writes to; Dr. Sato is on her care team.
const PATIENT = 'beatriz.evans@patients.axis.test';
const MRN = 'AX-100008';

test.use({ viewport: PHONE });

test('a stool test is entered with a live preview, refused where it must be, shared, and read by the patient', async ({ browser }) => {
  test.setTimeout(120_000);
  const clinician = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signInAndWait(clinician, GASTRO, /\/patients$/);
  await clinician.goto(`/patients?q=${MRN}`);
  await clinician.getByTestId('caseload-row').first().getByRole('link').first().click();
  await clinician.getByRole('link', { name: '+ Stool test' }).click();
  await expect(clinician.getByRole('heading', { name: /Record: Stool test/ })).toBeVisible();

  const preview = clinician.getByRole('region', { name: 'Interpretation preview' });
  await expect(preview.getByTestId('preview-missing')).toContainText('Calprotectin must be a number.');
  await clinician.getByLabel('Value', { exact: true }).fill('300');
  await clinician.getByLabel("Lab's upper limit of normal (below this is normal)").fill('50');
  await clinician.getByLabel("Lab's borderline range ends at (optional)").fill('120');
  await clinician.getByLabel('Assay').fill('Bühlmann fCAL turbo');
  await clinician.locator('#st-c-lab').fill('Springfield Regional Pathology');
  await expect(preview).toContainText("Calprotectin 300 µg/g is above the lab's reference interval");
  await expect(preview).toContainText('Above lab range');

  await clinician.getByLabel('FIT (blood in stool)').check();
  await clinician.getByLabel('Value (µg Hb/g)').fill('10');
  await clinician.locator('#st-f-assay').selectOption('hm_jackarc');
  await clinician.locator('#st-f-lab').fill('Springfield Regional Pathology');
  await expect(preview).toContainText('refer on the suspected-cancer pathway');

  await clinician.getByLabel('Microbiome sequencing report').check();
  await clinician.locator('#st-m-method').selectOption('16s');
  await clinician.locator('#st-m-lab').fill('GutMap Direct');
  await clinician.getByLabel('Ordered by').fill('Self (direct to consumer)');
  // The lab's own taxa table, as a European-locale CSV with fractions.
  await clinician.getByLabel("Import the taxa table from the lab's CSV").setInputFiles({ name: 'taxa.csv', mimeType: 'text/csv', buffer: Buffer.from('Species;Proportion\nBacteroides;0,214\nAkkermansia muciniphila;0,003\n') });
  await expect(clinician.getByRole('status').filter({ hasText: 'Imported 2 taxa from taxa.csv (fractions converted to percent)' })).toBeVisible();
  await expect(clinician.getByLabel('Taxa, one per line: name; relative abundance %')).toHaveValue('Bacteroides; 21.4\nAkkermansia muciniphila; 0.3');
  await clinician.getByLabel("Lab's own index (optional)").fill('Firmicutes/Bacteroidetes ratio');
  await clinician.getByLabel('Index value').fill('2.4');
  await clinician.getByRole('button', { name: 'Save stool test' }).click();
  await expect(clinician.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toBeVisible();
  await expect(clinician.getByText(/does not store or show a Firmicutes\/Bacteroidetes ratio/).first()).toBeVisible();
  // What was typed is still there.
  await expect(clinician.getByLabel('Taxa, one per line: name; relative abundance %')).toHaveValue('Bacteroides; 21.4\nAkkermansia muciniphila; 0.3');
  await expect(clinician.getByLabel('Value', { exact: true })).toHaveValue('300');
  await screenshot(clinician, 'stool-test-refused-ratio');

  await clinician.getByLabel("Lab's own index (optional)").fill('');
  await clinician.getByLabel('Index value').fill('');
  await expect(preview).toContainText('research-grade, not diagnostic');
  const form = await axeViolations(clinician);
  expect(form.failing, form.failing.join('\n')).toEqual([]);
  await clinician.getByRole('button', { name: 'Save stool test' }).click();

  await expect(clinician).toHaveURL(/\/results\/[0-9a-f-]{36}$/);
  await expect(clinician.getByRole('heading', { level: 1, name: 'Stool test: calprotectin, FIT, microbiome report' })).toBeVisible();
  await expect(clinician.getByRole('alert').filter({ hasText: 'refer on the suspected-cancer pathway' })).toBeVisible();
  await expect(clinician.getByRole('note').filter({ hasText: 'Research-grade, not diagnostic' })).toBeVisible();
  await expect(clinician.getByRole('list', { name: 'Interpretation' })).toContainText('Refer');
  await screenshot(clinician, 'stool-test-detail');
  const detail = await axeViolations(clinician);
  expect(detail.failing, detail.failing.join('\n')).toEqual([]);

  const sharing = clinician.getByRole('region', { name: 'Patient portal' });
  await sharing.getByLabel('Message to the patient (optional)').fill('We will call you this week to arrange the referral.');
  await sharing.getByRole('button', { name: 'Share with patient' }).click();
  await expect(sharing).toContainText('Shared with the patient');

  const patient = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signInAndWait(patient, PATIENT, /\/portal$/);
  await patient.getByRole('region', { name: 'Results shared with you' }).getByRole('link', { name: /Stool test/ }).first().click();
  await expect(patient.getByText('The test found blood in the stool at a level that needs further tests.')).toBeVisible();
  await expect(patient.getByText(/still a research tool: there is no agreed normal range/)).toBeVisible();
  await expect(patient.getByText('We will call you this week to arrange the referral.')).toBeVisible();
  await expect(patient.locator('main')).not.toContainText(/dysbiosis|Bacteroides|cancer/i);
  await screenshot(patient, 'stool-test-portal');
  const portal = await axeViolations(patient);
  expect(portal.failing, portal.failing.join('\n')).toEqual([]);
});
