import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** What an empty list says: what will appear here, and how it gets here. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon: LucideIcon;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center text-center" data-testid="empty-state">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-brand-50">
        <Icon aria-hidden className="size-6 text-brand-600" />
      </div>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {children ? <div className="mt-1.5 text-sm text-slate-600">{children}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
