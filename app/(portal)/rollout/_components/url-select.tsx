"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";

/** A chart's selector (group by, which wave…): each choice is a URL, so a view can be linked to. */
export function UrlSelect({
  label,
  value,
  options,
}: {
  label: string;
  value: string;
  options: { label: string; href: string; value: string }[];
}) {
  const router = useRouter();
  const id = useId();
  return (
    <span className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-xs text-slate-500">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const o = options.find((x) => x.value === e.target.value);
          if (o) router.replace(o.href, { scroll: false });
        }}
        className="max-w-44 rounded-md border border-slate-200 bg-white px-2 py-1 text-xs text-slate-800"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}
