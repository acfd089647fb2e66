import { Link } from '@/lib/ui/link';

export default function PortalResultNotFound() {
  return (
    <div className="mx-auto max-w-lg rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-2xl font-semibold">Result not available</h1>
      <p className="mt-2 text-base text-slate-700">This result does not exist, or your care team has not shared it with you. If you expected to see it, please ask your care team.</p>
      <Link href="/portal" className="mt-4 inline-block text-base font-semibold text-brand-800 underline underline-offset-2">
        Back to your summary
      </Link>
    </div>
  );
}
