// Finds @mentions of care-team colleagues in a note. Pure: the editor runs it as the clinician types
// (to say "@xyz is not on this care team" before saving) and lib/notes/mutations.ts runs it again on
// save to create the mention tasks.
//
// "@Elena Rivera", "@elena rivera", "@Rivera" and "@nina" all work: the words after the @ are matched,
// case-insensitively, against the words of a member's name (titles such as "Dr." and credentials
// after a comma, such as ", RD", are ignored). The longest run of words that names exactly one member
// wins, so "@Nina please review" finds Nina Patel. An @ inside a word (an email address) is not a mention.

export interface MentionableMember {
  id: string;
  name: string;
}

export interface MentionParse<M extends MentionableMember = MentionableMember> {
  /** Members mentioned, each once, in order of first mention. */
  mentioned: M[];
  /** What followed an @ that names nobody on the team, e.g. "@xyz", each once. */
  unknown: string[];
  /** Mentions that fit more than one member, e.g. "@sam" with two Sams on the team. */
  ambiguous: { text: string; candidates: string[] }[];
}

const MAX_WORDS = 3;
const TITLES = new Set(['dr', 'prof', 'mr', 'mrs', 'ms', 'mx']);
// A mention starts at the beginning or after a character that cannot be part of an email's local part.
// An optional title ("@Dr. Rivera") is skipped: names are matched without titles.
const MENTION = /(^|[^\p{L}\p{N}_.+\-@])@((?:(?:[Dd][Rr]|[Pp][Rr][Oo][Ff]|[Mm][Rr][Ss]?|[Mm][SsXx])\.?[ \t]+(?=\p{L}))?)(\p{L}[\p{L}\p{M}'’\-]*(?:[ \t]+\p{L}[\p{L}\p{M}'’\-]*){0,2})/gu;

function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[’]/g, "'").toLowerCase();
}

/** The words of a person's name that a colleague might type after @. */
export function nameWords(name: string): string[] {
  const beforeCredentials = name.split(',')[0] ?? name;
  return beforeCredentials
    .split(/\s+/)
    .map((w) => fold(w.replace(/[^\p{L}\p{M}'’\-]/gu, '')))
    .filter((w) => w.length > 0 && !TITLES.has(w));
}

/** True when `words` appear, in order and next to each other, in the member's name. */
function namesMember(words: string[], member: string[]): boolean {
  for (let start = 0; start + words.length <= member.length; start++) {
    if (words.every((w, i) => member[start + i] === w)) return true;
  }
  return false;
}

export function parseMentions<M extends MentionableMember>(text: string, members: readonly M[]): MentionParse<M> {
  const indexed = members.map((m) => ({ member: m, words: nameWords(m.name) }));
  const mentioned: M[] = [];
  const unknown: string[] = [];
  const ambiguous: { text: string; candidates: string[] }[] = [];

  for (const match of text.matchAll(MENTION)) {
    const title = (match[2] ?? '').trim();
    const typed = (match[3] ?? '').split(/[ \t]+/).slice(0, MAX_WORDS);
    const shown = (words: string[]) => `@${title ? `${title} ` : ''}${words.join(' ')}`;
    // Trailing punctuation such as "@nina's" or "@Rivera-" is not part of the name.
    const words = typed.map((w) => fold(w).replace(/['\-]+$/u, '').replace(/'s$/u, ''));
    let resolved = false;
    for (let n = words.length; n >= 1 && !resolved; n--) {
      const candidate = words.slice(0, n);
      if (candidate.some((w) => w.length === 0)) continue;
      const hits = indexed.filter((m) => namesMember(candidate, m.words));
      if (hits.length === 1) {
        const hit = hits[0];
        if (hit && !mentioned.some((m) => m.id === hit.member.id)) mentioned.push(hit.member);
        resolved = true;
      } else if (hits.length > 1) {
        const text = shown(typed.slice(0, n));
        if (!ambiguous.some((a) => a.text.toLowerCase() === text.toLowerCase())) ambiguous.push({ text, candidates: hits.map((h) => h.member.name) });
        resolved = true;
      }
    }
    if (!resolved) {
      const text = shown([(typed[0] ?? '').replace(/['’\-]+$/u, '')]);
      if (!unknown.some((u) => u.toLowerCase() === text.toLowerCase())) unknown.push(text);
    }
  }
  return { mentioned, unknown, ambiguous };
}

/** What a clinician reads when a mention cannot be resolved; empty when every mention is fine. */
export function mentionProblems(parse: MentionParse): string[] {
  return [
    ...parse.unknown.map((u) => `${u} is not on this care team. Mention a colleague on the team, or remove the @.`),
    ...parse.ambiguous.map((a) => `${a.text} could be ${a.candidates.join(' or ')}: add the last name.`),
  ];
}

/** The line of the note around a mention, for the colleague's "For you" list. */
export function mentionExcerpt(text: string, member: MentionableMember, maxLength = 280): string {
  const words = nameWords(member.name);
  const lines = text.split(/\r?\n/);
  const line =
    lines.find((l) => {
      for (const m of l.matchAll(MENTION)) {
        const typed = fold(m[3] ?? '').split(/[ \t]+/);
        if (typed.some((w) => words.includes(w.replace(/['\-]+$/u, '').replace(/'s$/u, '')))) return true;
      }
      return false;
    }) ?? lines.find((l) => l.trim().length > 0) ?? text;
  const clean = line.trim().replace(/\s+/g, ' ');
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}

// --- Autocomplete -----------------------------------------------------------------------------------

/** An @ being typed just before the caret: where it starts and the words after it ("@ni" → "ni"). */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|[^\p{L}\p{N}_.+\-@])@([\p{L}\p{M}'’\-]*(?:[ ][\p{L}\p{M}'’\-]*)?)$/u.exec(before);
  if (!m) return null;
  const query = m[2] ?? '';
  return { start: before.length - query.length - 1, query };
}

/** Colleagues whose name has a word starting with each typed word, in order of the list; at most `limit`. */
export function suggestMembers<M extends MentionableMember>(query: string, members: readonly M[], limit = 6): M[] {
  const typed = query
    .split(/\s+/)
    .map((w) => fold(w))
    .filter(Boolean);
  return members.filter((m) => typed.every((w) => nameWords(m.name).some((n) => n.startsWith(w)))).slice(0, limit);
}

/** The text with the @query at `start` replaced by the member's name, and where the caret goes after it. */
export function insertMention(text: string, start: number, caret: number, member: MentionableMember): { text: string; caret: number } {
  const name = (member.name.split(',')[0] ?? member.name).trim();
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret).replace(/^ /, ''), caret: start + inserted.length };
}
