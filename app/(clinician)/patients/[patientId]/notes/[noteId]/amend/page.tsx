import type { Metadata } from 'next';
import { NoteChangePage } from '../note-change-page';

export const metadata: Metadata = { title: 'Amend note' };

export default function AmendNotePage({ params }: { params: Promise<{ patientId: string; noteId: string }> }) {
  return <NoteChangePage params={params} kind="amend" />;
}
