import { EnvError, parseEnv } from "./env";

/** The problems parseEnv reports for `source`, or none when it parses. */
export function envProblems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
}
