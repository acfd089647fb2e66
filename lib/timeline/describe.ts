// Pure wording for timeline entries: how a care-plan change or a note reads in one line. No I/O, so
// the unit tests can cover every change name without a database.

const STATUS_WORDS: Record<string, string> = {
  active: 'resumed',
  paused: 'paused',
  completed: 'completed',
  stopped: 'stopped',
  declined: 'declined',
  proposed: 'proposed again',
  met: 'met',
  not_met: 'not met',
  withdrawn: 'withdrawn',
};

export interface PlanChangeWording {
  title: string;
  summary: string;
}

/** A string field of a jsonb snapshot, or null (snapshots are written by another module; never trust their shape). */
export function snapshotText(snapshot: Record<string, unknown> | null | undefined, key: string): string | null {
  const v = snapshot?.[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/**
 * "Low-FODMAP elimination phase proposed by Nina Patel, RD", "… accepted by Dr. Elena Rivera",
 * "… stopped: burning on application". Unknown change names still read sensibly.
 */
export function describePlanChange(input: {
  entityType: string;
  change: string;
  /** The intervention title or goal description. */
  subject: string;
  byName: string;
  reason: string | null;
}): PlanChangeWording {
  const { change, byName, reason } = input;
  const subject = input.entityType === 'goal' ? `Goal “${input.subject}”` : input.subject;
  const withReason = (text: string) => (reason ? `${text}: ${reason}` : text);
  let title: string;
  if (change === 'propose' || change === 'create') title = input.entityType === 'goal' ? `${subject} set by ${byName}` : `${subject} proposed by ${byName}`;
  else if (change === 'accept') title = `${subject} accepted by ${byName}`;
  else if (change === 'decline') title = withReason(`${subject} declined by ${byName}`);
  else if (change === 'update') title = `${subject} updated by ${byName}`;
  else if (change === 'verdict') title = `${subject}: verdict confirmed by ${byName}`;
  else if (change === 'challenges:update') title = `${subject}: challenges changed by ${byName}`;
  else if (change.startsWith('status:')) {
    const status = change.slice('status:'.length);
    const word = STATUS_WORDS[status] ?? status.replace(/_/g, ' ');
    title = status === 'stopped' || status === 'paused' || status === 'declined' || status === 'not_met' || status === 'withdrawn' ? withReason(`${subject} ${word}`) : `${subject} ${word}`;
  } else title = `${subject}: ${change.replace(/[_:]/g, ' ')} by ${byName}`;
  // The reason is already in the title for status changes and declines; the author is shown beside every entry.
  const summary = reason && change !== 'decline' && !change.startsWith('status:') ? `Note: ${reason}` : '';
  return { title, summary };
}

/** The first meaningful line of a markdown note, without heading or list markers, at most `max` characters. */
export function noteExcerpt(body: string, max = 160): string {
  const line =
    body
      .split(/\r?\n/)
      .map((l) => l.replace(/^\s*(#{1,6}\s+|[-*+]\s+|>\s*|\d+[.)]\s+)/, '').replace(/[*_`]/g, '').trim())
      .find((l) => l !== '') ?? '';
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
