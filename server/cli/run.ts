import type { Command, CommandContext, CommandResult } from "./registry";
import { CommandError } from "./registry";

// Errors whose message says everything: no stack trace for these.
const USER_FACING = new Set(["CommandError", "EnvError", "DataDirInUseError"]);

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

interface Parsed {
  words: string[];
  options: Record<string, string | true>;
  json: boolean;
  help: boolean;
}

function parse(argv: string[]): Parsed {
  const words: string[] = [];
  const options: Record<string, string | true> = {};
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--") {
      words.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const next = argv[i + 1];
      if (eq > 0) options[arg.slice(2, eq)] = arg.slice(eq + 1);
      else if (next !== undefined && !next.startsWith("--")) {
        options[arg.slice(2)] = next;
        i++;
      } else options[arg.slice(2)] = true;
    } else words.push(arg);
  }
  return { words, options, json, help };
}

/** The command whose name is the longest prefix of the words typed. */
function match(
  commands: readonly Command[],
  words: string[],
): { command: Command; args: string[] } | undefined {
  let best: { command: Command; args: string[] } | undefined;
  for (const command of commands) {
    const name = command.name.split(" ");
    if (
      name.every((w, i) => words[i] === w) &&
      (!best || name.length > best.command.name.split(" ").length)
    ) {
      best = { command, args: words.slice(name.length) };
    }
  }
  return best;
}

export function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.usage ?? ""}`.trim().length));
  return [
    "Usage: keyfleet <command> [--json]   (or: npm run cli -- <command> [--json])",
    "",
    "Commands:",
    ...commands.map((c) => `  ${`${c.name} ${c.usage ?? ""}`.trim().padEnd(width)}  ${c.summary}`),
    "",
    "--json prints one JSON object on stdout. The exit code is 0 on success, 1 on failure, 2 on bad usage, 3 when a sync ended partial.",
  ].join("\n");
}

/** Run the CLI; returns the exit code. `cleanup` runs after the command (e.g. closing the database). */
export async function runCli(
  argv: string[],
  commands: readonly Command[],
  { io = processIo, cleanup }: { io?: CliIo; cleanup?: () => Promise<void> } = {},
): Promise<number> {
  const parsed = parse(argv);
  const found = match(commands, parsed.words);
  if (parsed.help || !found) {
    const unknown = !parsed.help && parsed.words.length > 0;
    if (parsed.json && unknown)
      io.stdout(JSON.stringify({ ok: false, error: `unknown command: ${parsed.words.join(" ")}` }));
    else
      (unknown ? io.stderr : io.stdout)(
        [unknown ? `Unknown command: ${parsed.words.join(" ")}\n` : "", helpText(commands)].join(""),
      );
    return unknown || (!parsed.help && parsed.words.length === 0) ? 2 : 0;
  }

  const { command, args } = found;
  const ctx: CommandContext = {
    args,
    options: parsed.options,
    json: parsed.json,
    log: (line) => {
      if (!parsed.json) io.stderr(line);
    },
  };
  let result: CommandResult | undefined;
  let failure: { message: string; exitCode: number } | undefined;
  try {
    result = await command.run(ctx);
  } catch (error) {
    failure =
      error instanceof CommandError
        ? { message: error.message, exitCode: error.exitCode }
        : { message: error instanceof Error ? error.message : String(error), exitCode: 1 };
    if (!parsed.json && error instanceof Error && !USER_FACING.has(error.name) && error.stack) {
      io.stderr(error.stack);
    }
  } finally {
    await cleanup?.().catch((error: unknown) => io.stderr(`cleanup failed: ${String(error)}`));
  }

  if (failure) {
    if (parsed.json) io.stdout(JSON.stringify({ ok: false, command: command.name, error: failure.message }));
    else io.stderr(`keyfleet ${command.name}: ${failure.message}`);
    return failure.exitCode;
  }
  const ok = result!.ok ?? true;
  if (parsed.json) io.stdout(JSON.stringify({ ok, command: command.name, ...result!.data }, jsonReplacer));
  else (ok ? io.stdout : io.stderr)(result!.text);
  return result!.exitCode ?? (ok ? 0 : 1);
}

// BigInt (audit sequence numbers) has no JSON form; print it as a string.
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
