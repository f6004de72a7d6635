import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-slate-500">404</p>
        <h1 className="mb-2 text-xl font-semibold">Not found</h1>
        <p className="mb-6 text-sm text-slate-600">There is nothing at this address.</p>
        <Link href="/" className="text-sm font-medium text-brand-600 hover:underline">
          Back to the dashboard
        </Link>
      </div>
    </main>
  );
}
