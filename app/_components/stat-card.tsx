import Link from "next/link";
import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

const nf = new Intl.NumberFormat("en-GB");

/** A headline number with what it means; links to the list behind it when there is one. */
export function StatCard({
  label,
  value,
  icon: Icon,
  hint,
  href,
}: {
  label: string;
  value: number | string;
  icon: LucideIcon;
  hint?: ReactNode;
  href?: string;
}) {
  const body = (
    <>
      <div className="flex items-center justify-between">
        <p className="text-sm font-medium text-slate-600">{label}</p>
        <Icon aria-hidden className="size-5 text-brand-500" />
      </div>
      <p className="mt-2 text-3xl font-semibold tabular-nums tracking-tight text-slate-900">
        {typeof value === "number" ? nf.format(value) : value}
      </p>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </>
  );
  const cls = "block rounded-xl border border-slate-200 bg-white p-5 shadow-sm";
  return href ? (
    <Link
      href={href}
      className={`${cls} transition-colors hover:border-brand-500`}
      data-testid={`stat-${label}`}
    >
      {body}
    </Link>
  ) : (
    <div className={cls} data-testid={`stat-${label}`}>
      {body}
    </div>
  );
}
