import { describe, expect, it } from 'vitest';
import { insertMention, mentionQueryAt, parseMentions, suggestMembers } from '@/lib/notes/mentions';
import { NOTE_TEMPLATES, withTemplate } from '@/lib/notes/templates';

const team = [
  { id: 'r', name: 'Dr. Elena Rivera' },
  { id: 'n', name: 'Nina Patel, RD' },
  { id: 's', name: 'Dr. Kenji Sato' },
];

describe('mention autocomplete', () => {
  it('finds the @ being typed before the caret, and nothing inside an email address', () => {
    expect(mentionQueryAt('Please @ni', 10)).toEqual({ start: 7, query: 'ni' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('Ask @elena riv', 14)).toEqual({ start: 4, query: 'elena riv' });
    expect(mentionQueryAt('mail nina@clinic', 16)).toBeNull();
    expect(mentionQueryAt('done @nina. Next', 16)).toBeNull();
  });

  it('suggests colleagues by the start of any name word, titles and credentials aside', () => {
    expect(suggestMembers('ni', team).map((m) => m.id)).toEqual(['n']);
    expect(suggestMembers('', team).map((m) => m.id)).toEqual(['r', 'n', 's']);
    expect(suggestMembers('elena riv', team).map((m) => m.id)).toEqual(['r']);
    expect(suggestMembers('dr', team)).toEqual([]);
    expect(suggestMembers('zz', team)).toEqual([]);
  });

  it('inserts a mention the parser then recognises, and puts the caret after it', () => {
    const text = 'Please @ni review the diary';
    const { text: out, caret } = insertMention(text, 7, 10, team[1] as (typeof team)[number]);
    expect(out).toBe('Please @Nina Patel review the diary');
    expect(out.slice(0, caret)).toBe('Please @Nina Patel ');
    expect(parseMentions(out, team).mentioned.map((m) => m.id)).toEqual(['n']);
    expect(parseMentions(insertMention('@el', 0, 3, team[0] as (typeof team)[number]).text, team).mentioned.map((m) => m.id)).toEqual(['r']);
  });
});

describe('note templates', () => {
  it('offers SOAP, follow-up and nutrition assessment', () => {
    expect(NOTE_TEMPLATES.map((t) => t.label)).toEqual(['SOAP note', 'Follow-up visit', 'Nutrition assessment']);
    for (const t of NOTE_TEMPLATES) expect(t.body).toMatch(/^## /);
  });

  it('fills an empty note, and adds after what is typed without losing it', () => {
    const soap = NOTE_TEMPLATES[0] as (typeof NOTE_TEMPLATES)[number];
    expect(withTemplate('  ', soap)).toBe(soap.body);
    const out = withTemplate('Seen with mother.\n\n', soap);
    expect(out.startsWith('Seen with mother.\n\n## Subjective')).toBe(true);
  });
});
