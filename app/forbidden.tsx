import Link from "next/link";
import { ShieldAlert } from "lucide-react";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-6">
      <div className="max-w-md text-center">
        <ShieldAlert aria-hidden className="mx-auto mb-4 size-10 text-amber-500" />
        <p className="text-sm font-semibold text-amber-700">403</p>
        <h1 className="mb-2 text-xl font-semibold">This page is not part of your role</h1>
        <p className="mb-6 text-sm text-slate-600">
          Your portal role does not include this area. If you need it, ask an administrator.
        </p>
        <Link href="/" className="text-sm font-medium text-brand-600 hover:underline">
          Back to the dashboard
        </Link>
      </div>
    </main>
  );
}
