import Link from 'next/link';

export default function PatientNotFound() {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold">Patient record not available</h1>
      <p className="mt-2 text-sm text-slate-600">This patient record does not exist, or you are not on its care team. Ask an administrator if you need access.</p>
      <Link href="/patients" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to my patients
      </Link>
    </div>
  );
}
