"use client";

import { useEffect, useRef, useState } from "react";
import { usePathname } from "next/navigation";
import { Menu, X } from "lucide-react";
import type { NavBadge } from "./sidebar-nav";

/**
 * Below 900 px the sidebar is hidden and this button opens it as a drawer over the page. The drawer
 * holds the same contents (passed in from the layout), closes on Escape, on the backdrop and when a
 * link changes the page, and gives focus back to the button.
 */
export function MobileNav({ children, badge }: { children: React.ReactNode; badge?: NavBadge }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const button = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLDivElement>(null);
  const [openedAt, setOpenedAt] = useState(pathname);

  if (open && pathname !== openedAt) {
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    drawer.current?.querySelector<HTMLElement>("a, button")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-label={badge ? `Open navigation (${badge.label})` : "Open navigation"}
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => {
          setOpenedAt(pathname);
          setOpen(true);
        }}
        className="relative flex size-9 shrink-0 items-center justify-center rounded-md border border-slate-200 text-slate-600 hover:bg-slate-50 min-[900px]:hidden"
        data-testid="nav-menu-button"
      >
        <Menu aria-hidden className="size-5" />
        {/* Closed drawer: a dot says something waits; the count is on the Cases item inside. */}
        {badge ? (
          <span
            aria-hidden
            data-testid="nav-menu-dot"
            className="absolute -right-1 -top-1 size-2.5 rounded-full bg-amber-500 ring-2 ring-white"
          />
        ) : null}
      </button>
      {open ? (
        <div className="fixed inset-0 z-40 min-[900px]:hidden">
          <div className="absolute inset-0 bg-slate-900/40" aria-hidden onClick={() => setOpen(false)} />
          <div
            ref={drawer}
            id="mobile-nav"
            role="dialog"
            aria-modal="true"
            aria-label="Navigation"
            className="absolute inset-y-0 left-0 flex w-64 max-w-[85vw] flex-col overflow-y-auto bg-brand-900 pb-4 text-white shadow-xl"
          >
            <button
              type="button"
              aria-label="Close navigation"
              onClick={() => {
                setOpen(false);
                button.current?.focus();
              }}
              className="absolute right-2 top-4 flex size-9 items-center justify-center rounded-md text-brand-100 hover:bg-white/10"
            >
              <X aria-hidden className="size-5" />
            </button>
            {children}
          </div>
        </div>
      ) : null}
    </>
  );
}
