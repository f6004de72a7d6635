// The ops CLI's command shape. A command lives in its own file under commands/ and is listed once in
// commands/index.ts. It returns data (printed as one JSON object with --json) and the human text.

export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[];
  /** `--name value` / `--flag` options (besides --json and --help). */
  options: Record<string, string | true>;
  json: boolean;
  /** Progress lines for humans; silent with --json so stdout stays one JSON object. */
  log(line: string): void;
}

export interface CommandResult {
  /** False → exit code 1 (e.g. a broken audit chain). Default true. */
  ok?: boolean;
  /** An exit code other than 0/1 for an outcome between the two (e.g. 3: a sync that ended partial). */
  exitCode?: number;
  /** The --json payload: one object. */
  data: Record<string, unknown>;
  /** What a human sees. */
  text: string;
}

export interface Command {
  /** Words the user types, e.g. "db migrate", "audit verify". */
  name: string;
  summary: string;
  /** Shown in help after the name, e.g. "<name>". */
  usage?: string;
  run(ctx: CommandContext): Promise<CommandResult>;
}

export function defineCommand(command: Command): Command {
  return command;
}

/** A failure the user caused or can fix: printed without a stack trace, exit code 1. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CommandError";
  }
}
