'use client';

import { Link } from '@/lib/ui/link';
import { useParams } from 'next/navigation';

// A client component so it can read the record's id from the URL and offer emergency access for it.
export default function PatientNotFound() {
  const params = useParams<{ patientId?: string }>();
  const patientId = typeof params?.patientId === 'string' ? params.patientId : null;
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold">Patient record not available</h1>
      <p className="mt-2 text-sm text-slate-600">
        This patient record does not exist, or you are not on its care team (emergency access lets you read a record, never change it). Ask an
        administrator if you need to join the team.
      </p>
      <div className="mt-4 flex flex-wrap justify-center gap-4 text-sm font-medium">
        <Link href="/patients" className="text-brand-700 hover:underline">
          Back to my patients
        </Link>
        <Link href={patientId ? `/emergency-access?patient=${encodeURIComponent(patientId)}` : '/emergency-access'} className="text-red-700 hover:underline">
          Emergency access…
        </Link>
      </div>
    </div>
  );
}
