// Moved: the browser's one tRPC client is `app/_lib/trpc.ts`, its error text `app/_lib/problem.ts`.
// This re-export keeps older imports compiling until they move.
export { api as syncApi } from "@/app/_lib/trpc";
export { messageOf } from "@/app/_lib/problem";
