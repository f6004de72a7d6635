// What a helpdesk agent does all day, as requests against the seeded fleet (scripts/bench/seed.ts):
// page through and search users, open a user, search a serial from the global search box, list keys by
// serial, list cases and open one. Pages are server-rendered HTML, as a browser gets them.
import type { Scenario } from "./agents";
import { benchSerial } from "./seed";

const names = ["Amelia O", "Noah S", "Maya T", "Liam R", "Sofia D", "Ethan N"];
const sorts = ["", "&sort=department", "&sort=-site", "&sort=upn"];

export function helpdeskScenarios({ users, keys }: { users: number; keys: number }): Scenario[] {
  const int = (r: () => number, n: number) => Math.floor(r() * n);
  const serialPrefix = (r: () => number) => benchSerial(1 + int(r, keys)).slice(0, 4 + int(r, 3));
  // Lost keys are numbers 20k + 18 (seed.ts); each has case "c" + its key id.
  const lostKey = (r: () => number) => 20 * int(r, Math.floor((keys - 18) / 20) + 1) + 18;
  return [
    {
      name: "users: list page",
      weight: 20,
      path: (r) => `/users?page=${1 + int(r, 40)}${sorts[int(r, sorts.length)]}`,
    },
    {
      name: "users: search by name",
      weight: 10,
      path: (r) => `/users?q=${encodeURIComponent(names[int(r, names.length)]!)}`,
    },
    { name: "users: open one", weight: 20, path: (r) => `/users/u${1 + int(r, users)}` },
    {
      name: "serials: global search (API)",
      weight: 20,
      path: (r) =>
        `/api/trpc/users.search?input=${encodeURIComponent(JSON.stringify({ json: { q: serialPrefix(r) } }))}`,
    },
    { name: "serials: keys page filtered", weight: 10, path: (r) => `/keys?q=${serialPrefix(r)}` },
    {
      name: "cases: list page",
      weight: 10,
      path: (r) => `/cases${r() < 0.5 ? "?status=active" : `?page=${1 + int(r, 20)}`}`,
    },
    { name: "cases: open one", weight: 10, path: (r) => `/cases/ck${lostKey(r)}` },
  ];
}
