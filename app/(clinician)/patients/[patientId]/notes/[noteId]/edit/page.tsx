import type { Metadata } from 'next';
import { NoteChangePage } from '../note-change-page';

export const metadata: Metadata = { title: 'Edit draft note' };

export default function EditDraftPage({ params }: { params: Promise<{ patientId: string; noteId: string }> }) {
  return <NoteChangePage params={params} kind="revise" />;
}
