import { KeyRound, LogOut } from "lucide-react";
import { signOut } from "@/server/auth";
import { requireActor } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { getEnv } from "@/server/env";
import { runModes } from "@/server/lib/run-modes";
import { logger } from "@/server/lib/logger";
import { serverCaller } from "@/server/trpc/context";
import { GlobalSearch } from "@/app/_components/global-search";
import { TrpcProvider } from "@/app/_lib/trpc-provider";
import { navItems } from "./nav-items";
import { SidebarNav } from "./_components/sidebar-nav";
import { MobileNav } from "./_components/mobile-nav";
import { TimePreferencePicker } from "./_components/time-preference-picker";

export const dynamic = "force-dynamic";

/** Approvals this actor may decide, for the badge; null when it cannot be read (the page still renders). */
async function approvalsWaiting(): Promise<number | null> {
  try {
    return (await (await serverCaller()).cases.approvalsWaiting()).count;
  } catch (error) {
    logger.warn("navigation: approvals badge not read", { error });
    return null;
  }
}

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const modes = runModes(getEnv());
  const items = navItems
    .filter((i) => can(actor.roles, i.permission))
    .map(({ href, label, icon }) => ({ href, label, icon }));
  // One count query per page load, only for the roles that can approve.
  const waiting = can(actor.roles, "cases.approve") ? await approvalsWaiting() : null;
  const badges = waiting
    ? {
        "/cases": {
          count: waiting,
          href: "/cases/approvals",
          label: `${waiting} approval${waiting === 1 ? "" : "s"} waiting for you to decide`,
        },
      }
    : {};

  async function doSignOut() {
    "use server";
    await signOut({ redirectTo: "/signin" });
  }

  const sidebar = (
    <>
      <div className="flex items-center gap-2 px-6 py-5">
        <KeyRound aria-hidden className="size-6 text-brand-100" />
        <span className="text-lg font-semibold tracking-tight">KeyFleet</span>
      </div>
      <SidebarNav items={items} badges={badges} />
      <div className="mt-auto" />
      <TimePreferencePicker />
      <div className="px-4 pt-3 text-xs">
        {modes.isDemo ? (
          <p
            className="rounded-md bg-amber-400/15 px-3 py-2 leading-snug text-amber-100"
            data-testid="demo-mode-note"
          >
            <span className="block font-semibold">Demo mode</span>
            <span className="block text-amber-100/80">Sign-in: {modes.signIn}</span>
            <span className="block break-words text-amber-100/80">Graph: {modes.graph}</span>
          </p>
        ) : null}
      </div>
    </>
  );

  return (
    <TrpcProvider>
      <div className="flex min-h-screen">
        {/* First in tab order: keyboard users skip the navigation (visible only when focused). */}
        <a
          href="#main"
          className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50"
        >
          Skip to main content
        </a>
        <aside className="hidden w-60 shrink-0 flex-col bg-brand-900 pb-4 text-white min-[900px]:flex">
          {sidebar}
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-14 items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 sm:gap-4 sm:px-6">
            <MobileNav badge={badges["/cases"]}>{sidebar}</MobileNav>
            {can(actor.roles, "keys.read") ? (
              <div className="mr-auto flex min-w-0 flex-1">
                <GlobalSearch />
              </div>
            ) : null}
            <div className="hidden text-right text-sm leading-tight sm:block">
              <p className="font-medium" data-testid="actor-name">
                {actor.name}
              </p>
              <p className="text-xs capitalize text-slate-500" data-testid="actor-roles">
                {actor.roles.join(", ")}
              </p>
            </div>
            <form action={doSignOut}>
              <button
                type="submit"
                className="flex items-center gap-1.5 rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-50"
              >
                <LogOut aria-hidden className="size-4" />{" "}
                <span className="sr-only sm:not-sr-only">Sign out</span>
              </button>
            </form>
          </header>
          <main
            id="main"
            tabIndex={-1}
            className="min-w-0 flex-1 px-4 py-4 focus:outline-none sm:px-8 sm:py-6"
          >
            {children}
          </main>
        </div>
      </div>
    </TrpcProvider>
  );
}
