import { describe, expect, it } from 'vitest';
import { mentionExcerpt, mentionProblems, nameWords, parseMentions } from '@/lib/notes/mentions';

const TEAM = [
  { id: 'elena', name: 'Dr. Elena Rivera' },
  { id: 'nina', name: 'Nina Patel, RD' },
  { id: 'kenji', name: 'Dr. Kenji Sato' },
  { id: 'jose', name: 'José Álvarez-Núñez' },
];

const ids = (text: string, team = TEAM) => parseMentions(text, team).mentioned.map((m) => m.id);

describe('nameWords', () => {
  it('drops titles and credentials', () => {
    expect(nameWords('Dr. Elena Rivera')).toEqual(['elena', 'rivera']);
    expect(nameWords('Nina Patel, RD')).toEqual(['nina', 'patel']);
    expect(nameWords('José Álvarez-Núñez')).toEqual(['jose', 'alvarez-nunez']);
  });
});

describe('parseMentions', () => {
  it('matches a full name, a first name or a last name, in any case', () => {
    expect(ids('@Elena Rivera please review diet')).toEqual(['elena']);
    expect(ids('@elena rivera')).toEqual(['elena']);
    expect(ids('ask @nina about FODMAP')).toEqual(['nina']);
    expect(ids('cc @SATO')).toEqual(['kenji']);
  });

  it('takes the longest run of words that names someone, ignoring punctuation after it', () => {
    expect(ids('@Nina Patel, can you check?')).toEqual(['nina']);
    expect(ids('@nina: thoughts?')).toEqual(['nina']);
    expect(ids("see @Rivera's note")).toEqual(['elena']);
    expect(ids('(@kenji)')).toEqual(['kenji']);
  });

  it('skips a title typed before the name', () => {
    expect(ids('@Dr. Rivera and @dr kenji sato')).toEqual(['elena', 'kenji']);
    expect(parseMentions('@Dr. Okafor', TEAM).unknown).toEqual(['@Dr. Okafor']);
    // "@Drew" is a name, not a title.
    expect(parseMentions('@Drew', TEAM).unknown).toEqual(['@Drew']);
  });

  it('matches accented names with or without the accents', () => {
    expect(ids('@jose alvarez-nunez')).toEqual(['jose']);
    expect(ids('@José')).toEqual(['jose']);
  });

  it('lists each colleague once, in order of first mention', () => {
    expect(ids('@nina and @Elena Rivera, then @Nina Patel again')).toEqual(['nina', 'elena']);
  });

  it('does not read an email address as a mention', () => {
    const parse = parseMentions('write to nina@axis.test or clinic.nina@x.org', TEAM);
    expect(parse).toEqual({ mentioned: [], unknown: [], ambiguous: [] });
  });

  it('reports names that are not on the care team', () => {
    const parse = parseMentions('@xyz please, and @Samuel Okafor', TEAM);
    expect(parse.mentioned).toEqual([]);
    expect(parse.unknown).toEqual(['@xyz', '@Samuel']);
    expect(mentionProblems(parse)).toEqual([
      '@xyz is not on this care team. Mention a colleague on the team, or remove the @.',
      '@Samuel is not on this care team. Mention a colleague on the team, or remove the @.',
    ]);
  });

  it('reports a mention that fits two colleagues until the last name settles it', () => {
    const team = [...TEAM, { id: 'nina2', name: 'Nina Berg' }];
    const parse = parseMentions('@nina can you look', team);
    expect(parse.ambiguous).toEqual([{ text: '@nina', candidates: ['Nina Patel, RD', 'Nina Berg'] }]);
    expect(mentionProblems(parse)[0]).toBe('@nina could be Nina Patel, RD or Nina Berg: add the last name.');
    expect(ids('@nina berg can you look', team)).toEqual(['nina2']);
  });

  it('ignores a lone @ and text without mentions', () => {
    expect(parseMentions('BP 120/80 @ 9am; no mention here', TEAM)).toEqual({ mentioned: [], unknown: [], ambiguous: [] });
  });
});

describe('mentionExcerpt', () => {
  it('quotes the line that mentions the colleague', () => {
    const text = '## Plan\nStart low-FODMAP.\n@Elena Rivera review diet before next derm visit\nRecheck in 6 weeks.';
    expect(mentionExcerpt(text, TEAM[0] as (typeof TEAM)[number])).toBe('@Elena Rivera review diet before next derm visit');
  });

  it('shortens a long line', () => {
    const text = `@nina ${'x'.repeat(400)}`;
    const excerpt = mentionExcerpt(text, TEAM[1] as (typeof TEAM)[number], 50);
    expect(excerpt).toHaveLength(50);
    expect(excerpt.endsWith('…')).toBe(true);
  });
});
