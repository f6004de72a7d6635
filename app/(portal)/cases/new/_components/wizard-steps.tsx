const steps = ["Find the user", "Pick the keys and what happened", "Work the case"] as const;

/** Where the agent is in the wizard; the last step happens on the case page itself. */
export function WizardSteps({ current }: { current: 1 | 2 }) {
  return (
    <ol aria-label="Steps" className="mb-5 flex flex-wrap gap-2 text-sm">
      {steps.map((label, i) => {
        const n = i + 1;
        const state = n < current ? "done" : n === current ? "current" : "todo";
        return (
          <li
            key={label}
            aria-current={state === "current" ? "step" : undefined}
            className={`flex items-center gap-2 rounded-full border px-3 py-1 ${state === "current" ? "border-brand-600 bg-brand-50 font-medium text-brand-700" : state === "done" ? "border-emerald-200 bg-emerald-50 text-emerald-800" : "border-slate-200 bg-white text-slate-500"}`}
          >
            <span aria-hidden className="text-xs font-semibold">
              {n}
            </span>{" "}
            {label}
          </li>
        );
      })}
    </ol>
  );
}
