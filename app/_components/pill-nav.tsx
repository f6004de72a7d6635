import Link from "next/link";

/** A small row of links that pick one view of a list (a status, a period); the current one is marked. */
export function PillNav({
  label,
  items,
}: {
  label: string;
  items: readonly { href: string; label: string; isCurrent: boolean }[];
}) {
  return (
    <nav aria-label={label} className="mb-4 flex flex-wrap gap-2 text-sm">
      {items.map((i) => (
        <Link
          key={i.href}
          href={i.href}
          aria-current={i.isCurrent ? "page" : undefined}
          className={`rounded-full border px-3 py-1 ${i.isCurrent ? "border-brand-600 bg-brand-50 font-medium text-brand-700" : "border-slate-200 bg-white text-slate-600 hover:bg-slate-50"}`}
        >
          {i.label}
        </Link>
      ))}
    </nav>
  );
}
