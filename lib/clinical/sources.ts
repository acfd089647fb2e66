// The sources the clinical rules cite, as a clinician reads them. Rules store compact keys beside each
// finding ("NAC-T4", "ACG24, BTK-INS"): the keys of ../shared/DOMAIN.md's source list, so every threshold
// in the code points at its source. The screen shows the citation and a link instead; nothing internal
// (keys, document names) reaches the UI. Resolved when shown, so results stored before a citation was
// reworded read the current wording. Pure and browser-safe.

export interface Citation {
  /** What a clinician reads: authors or body, year, and the part cited. */
  label: string;
  url?: string;
}

const NAC = 'https://pmc.ncbi.nlm.nih.gov/articles/PMC5418558';

/** Keyed as in DOMAIN.md "Sources (keys)"; the URLs are the ones given there. */
export const CLINICAL_SOURCES: Record<string, Citation> = {
  NAC: { label: 'North American Consensus on breath testing 2017 (Rezaie et al.)', url: NAC },
  'NAC-2017': { label: 'North American Consensus 2017 criteria (Rezaie et al.)', url: NAC },
  'NAC-T1': { label: 'North American Consensus 2017 (Rezaie et al.), table 1: preparation', url: `${NAC}/table/tbl1` },
  'NAC-T2': { label: 'North American Consensus 2017 (Rezaie et al.), table 2', url: `${NAC}/table/tbl2` },
  'NAC-T4': { label: 'North American Consensus 2017 (Rezaie et al.), table 4: interpretation', url: `${NAC}/table/tbl4` },
  'ACG-SIBO': { label: 'ACG clinical guideline: SIBO, 2020 (Pimentel et al.)', url: 'https://www.guidelinecentral.com/guideline/13328/' },
  UNIV: { label: 'ACG SIBO guideline 2020, summary (Univadis)', url: 'https://www.univadis.it/viewarticle/small-intestinal-bacterial-overgrowth-american-college-of-gastroenterology-guidelines-710286' },
  SCORA: { label: 'Pimentel et al., ACG SIBO guideline 2020, review', url: 'https://scorascience.com/research/pimentel-2020-acg-sibo/' },
  VYTAL: { label: 'Vytal Health: reading SIBO breath test results', url: 'https://vytalhealth.com/what-do-my-sibo-breath-test-results-mean/' },
  CSIBO: { label: 'Center for SIBO Testing: interpretation of results', url: 'https://centerforsibotesting.com/interpretation-of-sibo-results/' },
  NUNM: { label: 'NUNM SIBO Center: interpreting results (2016)', url: 'http://sibocenter.com/2016/03/interpreting-results/' },
  SEA: { label: "Seattle Children's laboratory: breath test catalogue entry", url: 'https://seattlechildrenslab.testcatalog.org/show/LAB2390-1' },
  SPOT: { label: 'Breath test methane study in 11,674 patients (PMC5554383)', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC5554383' },
  PITCHER: { label: 'Pitcher et al., Dig Dis Sci 2022: substrate dose and positivity', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC9652228' },
  'TRIO-RUPA': { label: 'trio-smart breath test (Gemelli Biotech), clinical use guide', url: 'https://rupahealth.com/post/how-to-use-the-trio-smart-test-from-gemelli-biotech-in-clinic' },
  TRIO: { label: 'trio-smart breath test (Gemelli Biotech), manufacturer information', url: 'https://www.triosmartbreath.com/breathtesting' },
  MAAS3: { label: 'Maastricht III consensus on H. pylori, table 4', url: 'https://gut.bmj.com/highwire/markup/175590/expansion' },
  MAAS5: { label: 'Maastricht V/Florence consensus on H. pylori (secondary summary)', url: 'http://m.ureabreathtests.com/news/maastricht-v-florence-consensus-about-h-pylori-36531657.html' },
  'MAAS5-RUT': { label: 'Maastricht V/Florence consensus: management of H. pylori (secondary summary)', url: 'http://m.ureabreathtests.com/news/management-of-helicobacter-pylori-infection%E2%80%94th-4921418.html' },
  ACG24: { label: 'ACG clinical guideline: H. pylori, 2024 (Chey et al.)', url: 'https://doi.org/10.14309/ajg.0000000000002968' },
  'BTK-HCP': { label: 'BreathTek UBT: testing information for clinicians', url: 'https://www.breathtekhcp.com/testing-with-breathtek-ubt' },
  'BTK-INS': { label: 'BreathTek UBT package insert', url: 'https://studylib.net/doc/18559066/' },
  'MAYO-UBT': { label: 'Urea breath test, laboratory test catalogue', url: 'https://willisknighton.testcatalog.org/show/UBT' },
  'MAYO-UBT2': { label: 'Urea breath test, laboratory test catalogue (GI)', url: 'https://gi.testcatalog.org/show/UBT' },
  BID: { label: 'Urea breath test cut-offs and grey zone (PMC6543788)', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6543788' },
  EU13C: { label: '¹³C-urea breath test protocols in Europe, table 4 (PMC8259225)', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC8259225/table/ueg212099-tbl-0004' },
  INFAI: { label: 'INFAI ¹³C-urea breath test, patient information', url: 'https://infai.de/en/patient-information/' },
  PYTEST: { label: 'PYtest ¹⁴C-urea breath test information', url: 'https://www.drrahmatorlummc.com/ureabreathtest.htm' },
  APT2004: { label: 'Aliment Pharmacol Ther 2004: urea breath test accuracy', url: 'http://onlinelibrary.wiley.com/doi/10.1111/j.1365-2036.2004.02203.x/full' },
  STAT: { label: 'StatPearls: Helicobacter pylori', url: 'https://statpearls.com/articlelibrary/viewarticle/30802' },
  'MAYO-IGE': { label: 'Food-specific IgE (ImmunoCAP): laboratory classes and cut-off', url: 'https://nah.testcatalog.org/show/PR149' },
  'MAYO-IGE2': { label: 'Food-specific IgE: laboratory test catalogue', url: 'https://cphlab.testcatalog.org/show/NUTHR' },
  ARUP: { label: 'ARUP Laboratories: food IgG test information', url: 'http://ltd.aruplab.com/Tests/Pub/2002123' },
  VIBRANT: { label: 'Vibrant Wellness: food sensitivity report', url: 'https://help.vibrant-wellness.com/hc/en-us/articles/17970775039771' },
  NIAID: { label: 'NIAID guidelines for food allergy, 2010 (Boyce et al.)', url: 'https://eguideline.guidelinecentral.com/i/91806-food-allergy-guidelines/6' },
  EAACI: { label: 'EAACI position paper: IgG4 testing in food allergy', url: 'https://www.semanticscholar.org/paper/7b7c64ef366b0aabbefebfde744ddda9a48bdf65' },
  CSACI: { label: 'CSACI position statement: IgG testing for food allergy', url: 'http://www.aacijournal.com/content/8/1/12/abstract' },
  'AAAAI-CW': { label: 'AAAAI Choosing Wisely, table 5', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC8043132/table/T5' },
  'AAAAI-CW2': { label: 'AAAAI Choosing Wisely list', url: 'https://scribd.com/document/746672442/AAAAI-Choosing-Wisely-List' },
  DGAKI: { label: 'DGAKI guideline: IgG tests in food allergy', url: 'https://www.researchgate.net/publication/269915945' },
  SPT: { label: 'Skin prick testing: wheal size and interpretation', url: 'https://www.droracle.ai/articles/624352/' },
  'PASI-CDS': { label: 'PASI guideline (clinical knowledge manager)', url: 'https://development.cds-platform.com/ckm/clinical-knowledge-manager/demo/view/PASI_guideline/1?language=en' },
  'PASI-AU': { label: 'Psoriasis Australia: PASI severity bands', url: 'http://mypsoriasis.com.au/about/severity/' },
  EASI: { label: 'EASI severity strata (Leshem et al.)', url: 'https://medluna.com/article/25580670' },
  'SCORAD-F': { label: 'SCORAD total score (Université de Nantes course)', url: 'http://adserver.sante.univ-nantes.fr/Scorad_Course/Total_score.html' },
  'SCORAD-B': { label: 'SCORAD severity bands', url: 'https://medikquantis.me/en/scorad' },
  'AD-TAB': { label: 'Atopic dermatitis severity instruments, table 3 (PMC7395647)', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC7395647/table/T3' },
  VIGA: { label: 'Validated Investigator Global Assessment for AD (vIGA-AD)', url: 'https://docslib.org/doc/2190576/' },
  USDERM: { label: 'US Dermatology Partners: IGA scales', url: 'https://usdermed.com/clinical-tools/iga' },
  ACNE: { label: 'Acne IGA scale (J Drugs Dermatol 2021)', url: 'https://jddonline.com/articles/dermatology/S1545961621P0648X' },
  'UAS-GP': { label: 'Urticaria Activity Score (UAS7), GPnotebook', url: 'https://gpnotebook.com/en-IE/pages/dermatology/urticaria-activity-score' },
  'UAS-CALC': { label: 'UAS7 calculator and bands', url: 'https://medcalcu.com/urticaria-activity-score-uas-calculator' },
  NOV: { label: 'CSU patient-reported outcome measures (Novartis)', url: 'https://www.health.novartis.co.uk/therapy-areas/dermatology/csu/patient-reported-outcome-measures' },
  DLQI: { label: 'Dermatology Life Quality Index (Finlay & Khan 1994) and its bands', url: 'https://en.wikipedia.org/wiki/Dermatology_Life_Quality_Index' },
  POEM: { label: 'POEM (Charman, Venn & Williams 2004) and its bands (Charman et al., Br J Dermatol 2013)', url: 'http://onlinelibrary.wiley.com/doi/10.1111/bjd.12590/full' },
  'GSRS-ORIG': { label: 'GSRS, original (Svedlund et al., Dig Dis Sci 1988)', url: 'https://link.springer.com/article/10.1007/BF01535722' },
  'GSRS-R': { label: 'GSRS reliability and validity (Revicki et al., 1998)', url: 'https://link.springer.com/article/10.1023%2FA%3A1008841022998' },
  'GSRS-V': { label: 'GSRS scoring and versions', url: 'https://resref.com/?p=4844' },
  BSFS: { label: 'Bristol Stool Form Scale (clinical knowledge manager)', url: 'https://development.cds-platform.com/ckm/clinical-knowledge-manager/demo/view/Bristol_stool_form_scale/1?language=en' },
  LABCORP: { label: 'Labcorp: H. pylori test catalogue', url: 'https://labcatalog.net/tests?test=24071' },
  COREWELL: { label: 'Corewell Health laboratory: H. pylori test catalogue', url: 'https://corewellhealth.testcatalog.org/show/LAB572-1' },
  UMICH: { label: 'Michigan Medicine laboratories: H. pylori urea breath test', url: 'https://mlabs.umich.edu/tests/helicobacter-pylori-urea-breath-test' },
  'MAYO-SAT': { label: 'H. pylori stool antigen: laboratory test catalogue', url: 'https://asantelab.testcatalog.org/show/HPSA' },
  MERCY: { label: 'MercyOne laboratory: H. pylori stool antigen', url: 'https://mercyonedubuque.testcatalog.org/show/HPSAS' },
  ISAPP: { label: 'ISAPP consensus on the term probiotic, 2014 (Hill et al.)', url: 'http://www.nature.com/nrgastro/journal/v11/n8/full/nrgastro.2014.66.html' },
  'ISAPP-NEWS': { label: 'ISAPP: probiotic consensus statement, 2014', url: 'https://isappscience.org/june-10-2014' },
  MCF: { label: 'McFarland et al. 2018: strain-specificity of probiotics', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC5949321' },
  ZHENG: { label: 'Zheng et al. 2020: reclassification of the genus Lactobacillus', url: 'https://research.ucc.ie/en/publications/a-taxonomic-note-on-the-genus-lactobacillus-description-of-23-nov/' },
  OPTIBAC: { label: 'New Lactobacillus names explained (OptiBac)', url: 'https://wrn-opt-live-web-fde-fub8cgb9d0gvageb.a01.azurefd.net/us/learn/lifestyle/dr-kate-on-new-lactobacillus-names' },
  'AAD-DIET': { label: 'AAD guideline on atopic dermatitis 2014, section 4: dietary interventions (Sidbury et al.)', url: 'https://doi.org/10.1016/j.jaad.2014.08.038' },
  'CHANG-2016': { label: 'Chang et al. 2016: new immediate reactions after elimination diets in atopic dermatitis', url: 'https://www.scholars.northwestern.edu/en/publications/natural-history-of-food-triggered-atopic-dermatitis-and-developme-2' },
  'HENRIKSEN-2000': { label: 'Henriksen et al., Acta Paediatr 2000: nutrient intake on milk-free diets', url: 'https://pubmed.ncbi.nlm.nih.gov/10772273/' },
  // Treatment response and test of cure (DOMAIN.md §9, §11).
  'BJD-MIC-2021': { label: 'Br J Dermatol 2021;184:888–895: best end points for EASI and SCORAD (EASI −50%, SCORAD −35%)', url: 'https://www.scholars.northwestern.edu/en/publications/what-are-the-best-endpoints-for-eczema-area-and-severity-index-an' },
  'CLEGG-PASI': { label: 'Clegg et al.: percent improvement from baseline as the response measure', url: 'https://www.medicalalgorithms.com/criteria-of-clegg-et-al-for-therapeutic-response-in-a-patient-with-psoriasis' },
  'CCP-PASI': { label: 'Canadian Psoriasis Network: PASI 50/75/90/100', url: 'https://communautepsoriasis.ca/en/psoriasis/what-is-psoriasis/pasi-score' },
  'CARLIN-PASI50': { label: 'Carlin et al., J Am Acad Dermatol 2004: PASI-50 is clinically meaningful', url: 'https://doi.org/10.1016/j.jaad.2003.09.014' },
  'NCT-PSO': { label: 'Psoriasis trial NCT03412747: PASI and IGA end points at week 16', url: 'https://trials.co/clinical-trials-details/-/NCT03412747' },
  'NCT-PSO12': { label: 'Psoriasis trial NCT03850483: end points at week 12', url: 'https://trials.co/clinical-trials-details/-/NCT03850483' },
  'NCT-AD16': { label: 'Atopic dermatitis trial NCT05149313: vIGA-AD success at week 16', url: 'http://inclinicaltrials.com/dermatitis-atopic/nct05149313/details' },
  'USDERM-IGA': { label: 'US Dermatology Partners: IGA success definition', url: 'https://usdermed.com/clinical-tools/iga' },
  'VIGA-VALID': { label: 'Validation of the vIGA-AD: a 1-grade change is meaningful', url: 'https://ichgcp.net/nl/clinical-trials-registry/publications/122871-the-validated-investigator-global-assessment-for-atopic-dermatitis-viga-ad-a-clinical-outcome' },
  KADA: { label: 'Korean Atopic Dermatitis Association: non-response if EASI-50 unmet after 3 months', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC7992600' },
  'BASRA-DLQI': { label: 'Basra et al. 2015: DLQI minimal clinically important difference of 4', url: 'https://researchprofiles.herts.ac.uk/portal/en/publications/determining-the-minimal-clinically-important-difference-and-responsiveness-of-the-dermatology-life-quality-index-dlqi(edc158d3-0e0b-4543-a0b0-9aee40280fda).html' },
  'MATHIAS-UAS7': { label: 'Mathias et al., Ann Allergy Asthma Immunol 2012: UAS7 minimal important difference 9.5–10.5', url: 'https://doi.org/10.1016/j.anai.2011.09.008' },
  'AAAAI-UAS': { label: 'AAAAI research summary: UAS7 minimal important difference', url: 'http://www.aaaai.org/global/latest-research-summaries/New-Research-from-JACI-In-Practice/urticaria' },
  'HOWELLS-POEM': { label: 'Howells et al., Br J Dermatol 2018: how much POEM change matters', url: 'https://doi.org/10.1111/bjd.16611' },
  'GAUNT-POEM': { label: 'Gaunt et al., Allergy 2016: POEM minimal clinically important difference in children', url: 'https://doi.org/10.1111/all.12942' },
  'ACG-HP-2024': { label: 'ACG clinical guideline: H. pylori, 2024 (Chey et al.): test of cure for every treated patient', url: 'https://doi.org/10.14309/ajg.0000000000002968' },
  'M3-GUT': { label: 'Maastricht III consensus: stop PPIs 2 weeks before testing', url: 'https://gut.bmj.com/highwire/markup/175590/expansion' },
  'M5-VENDOR': { label: 'Maastricht V/Florence consensus: test ≥ 4 weeks after treatment (secondary summary)', url: 'http://m.ureabreathtests.com/news/maastricht-v-florence-consensus-about-h-pylori-36531657.html' },
  'CFU-ACG': { label: 'ACG 2024 H. pylori guideline, summary: timing of the test of cure', url: 'https://cfu288.github.io/im-rec-deck/gi-hepatology/h-pylori/2024-acg/' },
  'GUANG-ACG': { label: 'H. pylori treatment 2024 (summary of the ACG guideline): stop PPI 1–2 weeks before', url: 'https://guangchen.com.au/post/helicobacter-pylori-treatment-2024' },
  // Elimination and reintroduction (DOMAIN.md §10).
  'OFC-TR': { label: 'Oral food challenges: 1.4% of 623 caused anaphylaxis (J Trop Pediatr)', url: 'https://dbpia.nl.go.kr/tropej/article/67/3/fmab065/6344868' },
  'KARGER-OFC': { label: 'Int Arch Allergy Immunol: high-risk patients must undergo oral food challenges in hospital', url: 'https://karger.com/iaa/article/172/3/173/167798/' },
  'NOWAK-RISK': { label: 'Nowak-Węgrzyn et al.: risk factors for a reaction during an oral food challenge', url: 'https://medicalalgorithms.com/risk-factors-of-nowak-wegrzyn-et-al-for-a-reaction-during-an-oral-food-challenge' },
  'EBMG-MILK': { label: 'EBM Guidelines: milk allergy in children (nutrition, growth, dietitian)', url: 'https://download.skyscape.com/download/ota/lonestar/B4562E59-87F6-47FA-8F09-D67E1FE536CA/ebmgid.ed18/content/HTML/g/tl26.htm' },
  MEVSIBS: { label: 'Low-FODMAP diet phase 2: reintroduction (dietitian guide)', url: 'https://mevsibs.co.uk/2021/03/06/fodmap-diet-phase-2-reintroduction/' },
  JWARD: { label: 'Jennifer Ward, dietitian: FODMAP reintroduction', url: 'https://jenniferward.com.au/fodmaps-reintroduction' },
  // Stool tests and microbiome reports (DOMAIN.md §8).
  'NICE-DG11': { label: 'NICE DG11 (2013): faecal calprotectin for IBD vs IBS', url: 'https://jesse.tg/ngc-archive/summary/10538' },
  MLABS: { label: 'Michigan Medicine Laboratories: calprotectin, stool', url: 'https://mlabs.umich.edu/tests/calprotectin-stool' },
  'LABCORP-FC': { label: 'Labcorp: calprotectin, fecal (confounders, children)', url: 'https://labcorp.com/tests/123255/calprotectin-fecal' },
  'ESPGHAN-FC': { label: 'Koninckx et al., ESPGHAN 2021: faecal calprotectin in children (JPGN 2021;72:617–640)' },
  'FC-PAED-UK': { label: 'Paediatric reference ranges for faecal calprotectin: a UK study', url: 'https://discovery.researcher.life/article/paediatric-reference-ranges-for-faecal-calprotectin-a-uk-study/c97ee06969543e16b96a2a182c56b715' },
  'AGA-EPI': { label: 'Whitcomb et al., AGA Clinical Practice Update 2023: exocrine pancreatic insufficiency (Gastroenterology 2023;165:1292–1301)' },
  'ARUP-FE': { label: 'ARUP Laboratories: pancreatic elastase, fecal', url: 'http://ltd.aruplab.com/Tests/Pub/3002858' },
  'MAYO-FE': { label: 'Mayo Clinic Laboratories: pancreatic elastase, feces', url: 'http://testcatalog.org/show/FPANC' },
  'NICE-FIT': { label: 'NICE diagnostics guidance (2023): quantitative FIT to guide referral for suspected colorectal cancer' },
  PORCARI: { label: 'Porcari et al., international consensus on microbiome testing in clinical practice (Lancet Gastroenterol Hepatol 2025;10:154–167)' },
  NEXUS: { label: 'International consensus on microbiome testing: what reports should and should not contain', url: 'https://nexusnews.pro/new-international-consensus-sets-standards-for-microbiome-testing-in-clinical-practice' },
  'HM-SCFA': { label: 'A commercial stool SCFA panel and its ranges (no guideline reference range)', url: 'https://healthmatters.io/understand-blood-test-results/short-chain-fatty-acids-scfa-total' },
  // Not literature: where a finding's basis is the clinic's own data or a deliberate Axis rule.
  'AXIS-REVIEW': { label: 'Axis review rule: no published cut-off exists; shown for a clinician to check' },
  'lab report': { label: "The laboratory's own report" },
  'fhir-import': { label: 'Imported from another system (FHIR)' },
  'patient-education': { label: 'Patient-education claims reviewed against the evidence (no supporting trials for detox or juice fasts)' },
};

/** True when every part of a stored text is a catalogued key (so it reads as citations, not as prose). */
export function isCatalogued(source: string | null | undefined): boolean {
  const keys = (source ?? '').split(/[;,]/).map((k) => k.trim()).filter(Boolean);
  return keys.length > 0 && keys.every((k) => k in CLINICAL_SOURCES);
}

/**
 * The citations behind a stored source text: keys separated by commas or semicolons. Anything that is
 * not a key (free text a lab or an older version wrote) is shown as it is, never dropped.
 */
export function citationsFor(source: string | null | undefined): Citation[] {
  if (!source) return [];
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const raw of source.split(/[;,]/)) {
    const key = raw.trim();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(CLINICAL_SOURCES[key] ?? { label: key });
  }
  return out;
}
