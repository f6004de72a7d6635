// Moved: the browser's one tRPC client is `app/_lib/trpc.ts` (queries and mutations through `useTRPC()`),
// its error text `app/_lib/problem.ts`. This re-export keeps older imports compiling until they move.
export { api } from "@/app/_lib/trpc";
export { problemOf, type Problem } from "@/app/_lib/problem";
