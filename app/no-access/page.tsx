import { ShieldOff } from "lucide-react";
import { signOut } from "@/server/auth";

export const metadata = { title: "No access" };

export default function NoAccessPage() {
  async function doSignOut() {
    "use server";
    await signOut({ redirectTo: "/signin" });
  }
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <ShieldOff aria-hidden className="mx-auto mb-4 size-10 text-slate-400" />
        <h1 className="mb-2 text-xl font-semibold">You have no access to KeyFleet</h1>
        <p className="mb-6 text-sm text-slate-600">
          You signed in, but your account holds none of KeyFleet&apos;s app roles (Helpdesk, Procurement,
          Security or Admin). Ask your Entra administrator to assign you one in the KeyFleet enterprise
          application.
        </p>
        <form action={doSignOut}>
          <button
            type="submit"
            className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50"
          >
            Sign out
          </button>
        </form>
      </div>
    </main>
  );
}
