// Class strings the portal's pages share, named once: change a look here and every page follows.

/** A text link: a row's name, "see the request", "open the case". */
export const textLink = "text-brand-700 hover:underline";

/** A link inside a sentence or a table cell, underlined: it must not be told apart by colour alone. */
export const inlineLink = "text-brand-600 underline hover:text-brand-700";

/** The plain button beside a primary one (Cancel, Export), or a link that looks like it. */
export const secondaryButton =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";

/** A small action on a table row ("Record shipment…", "Undo"). */
export const rowButton = "rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50";

/** The small outlined button that opens a dialog from a panel (close a case, hand a key over). */
export const panelButton =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-50";

/** The one primary action of a panel or dialog. */
export const primaryButton =
  "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

/** An input inside a confirm dialog, under its label. */
export const dialogInput = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5";

/** A link that starts something new ("Add a model"), looking like the primary button with its icon. */
export const primaryLink =
  "inline-flex items-center gap-1 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700";
