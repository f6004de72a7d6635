import { KeyRound } from "lucide-react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentActor, signIn } from "@/server/auth";
import { signInAttempt } from "@/server/auth/sign-in-limit";
import { personas } from "@/server/auth/personas";
import { getEnv } from "@/server/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const env = getEnv();
  const actor = await currentActor();
  if (actor) redirect(actor.roles.length ? "/" : "/no-access");
  const { error } = await searchParams;

  async function signInWithIdp() {
    "use server";
    if (!(await signInAttempt(await headers())).ok) redirect("/signin?error=RateLimited");
    await signIn("oidc", { redirectTo: "/" });
  }

  async function signInAsPersona(formData: FormData) {
    "use server";
    if (!(await signInAttempt(await headers())).ok) redirect("/signin?error=RateLimited");
    // The demo provider does not exist when an identity provider is configured, so this cannot
    // be used to bypass real sign-in.
    await signIn("demo", { persona: String(formData.get("persona") ?? ""), redirectTo: "/" });
  }

  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-900 to-brand-700 p-6">
      <div className="w-full max-w-md rounded-xl bg-white p-8 shadow-xl">
        <div className="mb-6 flex items-center gap-2">
          <KeyRound aria-hidden className="size-7 text-brand-600" />
          <h1 className="text-2xl font-semibold tracking-tight">KeyFleet</h1>
        </div>
        <p className="mb-6 text-sm text-slate-600">
          Security keys for Microsoft Entra ID — inventory, assignment, recovery and rollout.
        </p>
        {error ? (
          <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error === "RateLimited"
              ? "Too many sign-in attempts from this address. Wait a minute and try again."
              : "Sign-in failed. Try again or ask your administrator."}
          </p>
        ) : null}
        {env.isDemo ? (
          <>
            <h2 className="mb-2 text-sm font-semibold text-slate-700">Demo mode: sign in as</h2>
            <form action={signInAsPersona} className="flex flex-col gap-2">
              {personas.map((p) => (
                <button
                  key={p.id}
                  name="persona"
                  value={p.id}
                  type="submit"
                  className="flex items-center justify-between rounded-lg border border-slate-200 px-4 py-3 text-left hover:border-brand-500 hover:bg-brand-50"
                >
                  <span>
                    <span className="block font-medium">{p.name}</span>
                    <span className="block text-xs text-slate-500">{p.title}</span>
                  </span>
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs capitalize text-slate-600">
                    {p.roles.join(", ")}
                  </span>
                </button>
              ))}
            </form>
            <p className="mt-4 text-xs text-slate-500">
              Demo personas exist only while no identity provider is configured.
            </p>
          </>
        ) : (
          <form action={signInWithIdp}>
            <button
              type="submit"
              className="w-full rounded-lg bg-brand-600 px-4 py-3 font-medium text-white hover:bg-brand-700"
            >
              Sign in with {env.AUTH_OIDC_NAME}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
