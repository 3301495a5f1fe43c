/**
 * Medical words that patients often do not know, with plain words to explain them. The jargon
 * check (readability.ts) wants each one explained where it first appears; a clinic adds its own
 * terms through the `glossary` input. Names of diseases and medicines are left out: an article is
 * about them and introduces them anyway.
 */
import type { GlossaryEntry } from './types.ts';

export const builtInGlossary: GlossaryEntry[] = [
  { term: 'fasciculation', forms: ['fasciculations'], plain: 'small twitches under the skin' },
  { term: 'bulbar', plain: 'the muscles for speaking and swallowing' },
  { term: 'electromyography', forms: ['EMG'], plain: 'a test that records the electrical activity of muscles with a fine needle' },
  { term: 'nerve conduction study', forms: ['nerve conduction studies'], plain: 'a test of how well nerves carry signals' },
  { term: 'lumbar puncture', plain: 'taking a little of the fluid around the spinal cord with a needle in the lower back' },
  { term: 'gastrostomy', forms: ['PEG tube'], plain: 'a feeding tube placed through the skin into the stomach' },
  { term: 'non-invasive ventilation', forms: ['NIV'], plain: 'a breathing machine that pushes air through a mask' },
  { term: 'placebo', forms: ['placebos'], plain: 'a dummy treatment with no active medicine in it' },
  { term: 'antioxidant', forms: ['antioxidants'], plain: 'a substance that protects cells from one kind of chemical damage' },
  { term: 'palliative care', plain: 'care that aims at comfort and quality of life' },
  { term: 'bradykinesia', plain: 'slowness of movement' },
  { term: 'dyskinesia', forms: ['dyskinesias'], plain: 'uncontrolled, wriggling movements' },
  { term: 'dysphagia', plain: 'difficulty swallowing' },
  { term: 'dysarthria', plain: 'slurred or unclear speech' },
  { term: 'spasticity', plain: 'stiff, tight muscles' },
  { term: 'atrophy', plain: 'muscles wasting away' },
  { term: 'aspiration', plain: 'food or drink going into the lungs' },
  { term: 'neurodegenerative', plain: 'a disease in which nerve cells slowly die' },
  { term: 'idiopathic', plain: 'with no known cause' },
  { term: 'prognosis', plain: 'how the illness is likely to go' },
  { term: 'randomised controlled trial', forms: ['randomized controlled trial', 'randomised controlled trials', 'randomized controlled trials'], plain: 'a study in which chance decides who gets the treatment and who gets a comparison' },
  { term: 'meta-analysis', forms: ['meta-analyses'], plain: 'a study that pools the results of several trials' },
  { term: 'efficacy', plain: 'how well a treatment works' },
  { term: 'adverse event', forms: ['adverse events', 'adverse effect', 'adverse effects'], plain: 'harm or side effects' },
  { term: 'contraindication', forms: ['contraindications', 'contraindicated'], plain: 'a reason not to use a treatment' },
  { term: 'biomarker', forms: ['biomarkers'], plain: 'something measured in blood or another fluid that shows disease activity' },
  { term: 'antisense oligonucleotide', forms: ['antisense oligonucleotides'], plain: 'a medicine that blocks the instructions a cell uses to make a harmful protein' },
  { term: 'intrathecal', plain: 'given into the fluid around the spinal cord' },
  { term: 'mesenchymal', plain: 'a kind of stem cell taken from bone marrow or fat' },
  { term: 'neurotrophic', plain: 'supporting the growth and survival of nerve cells' },
  { term: 'multidisciplinary', plain: 'from a team of different specialists' },
  { term: 'comorbidity', forms: ['comorbidities'], plain: 'another illness a person has at the same time' },
  { term: 'aetiology', forms: ['etiology'], plain: 'the cause' },
  { term: 'frontotemporal dementia', plain: 'a type of dementia that changes behaviour and language' },
  { term: 'motor neurone', forms: ['motor neurones', 'motor neuron', 'motor neurons'], plain: 'the nerve cells that control the muscles we move on purpose' },
  { term: 'accelerated approval', plain: 'an early approval based on a sign in the blood or on scans, before benefit to patients has been shown' },
  { term: 'dopamine agonist', forms: ['dopamine agonists'], plain: 'a medicine that acts like dopamine in the brain' },
  { term: 'electroencephalogram', forms: ['EEG'], plain: 'a test that records the brain’s electrical activity from the scalp' },
];
