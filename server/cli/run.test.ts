import { describe, expect, it } from "vitest";
import { CommandError, defineCommand, type Command } from "./registry";
import { runCli } from "./run";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

const seen: string[][] = [];
const commands: Command[] = [
  defineCommand({
    name: "thing list",
    summary: "lists",
    async run({ args, options }) {
      seen.push(args);
      return { data: { count: 2, big: 10n, options }, text: "2 things" };
    },
  }),
  defineCommand({
    name: "thing check",
    summary: "fails softly",
    run: async () => ({ ok: false, data: { broken: 3 }, text: "broken at 3" }),
  }),
  defineCommand({
    name: "thing explode",
    summary: "throws",
    run: async () => {
      throw new CommandError("nothing to explode");
    },
  }),
];

describe("ops CLI runner", () => {
  it("prints human text by default and exits 0", async () => {
    const c = capture();
    expect(await runCli(["thing", "list", "extra"], commands, c)).toBe(0);
    expect(c.out).toEqual(["2 things"]);
    expect(seen.at(-1)).toEqual(["extra"]);
  });

  it("--json prints exactly one JSON object (bigints as strings) and nothing else on stdout", async () => {
    const c = capture();
    expect(await runCli(["thing", "list", "--json", "--since", "2024-01-01", "--all"], commands, c)).toBe(0);
    expect(c.out).toHaveLength(1);
    expect(JSON.parse(c.out[0]!)).toEqual({
      ok: true,
      command: "thing list",
      count: 2,
      big: "10",
      options: { since: "2024-01-01", all: true },
    });
  });

  it("a result with ok: false exits 1", async () => {
    const c = capture();
    expect(await runCli(["thing", "check", "--json"], commands, c)).toBe(1);
    expect(JSON.parse(c.out[0]!)).toMatchObject({ ok: false, broken: 3 });
  });

  it("a thrown CommandError exits 1 with its message and no stack trace", async () => {
    const c = capture();
    expect(await runCli(["thing", "explode"], commands, c)).toBe(1);
    expect(c.err.join("\n")).toBe("keyfleet thing explode: nothing to explode");
    const j = capture();
    expect(await runCli(["thing", "explode", "--json"], commands, j)).toBe(1);
    expect(JSON.parse(j.out[0]!)).toEqual({
      ok: false,
      command: "thing explode",
      error: "nothing to explode",
    });
  });

  it("an unknown command exits 2 and lists the commands", async () => {
    const c = capture();
    expect(await runCli(["thing", "nope"], commands, c)).toBe(2);
    expect(c.err.join("\n")).toContain("thing list");
  });

  it("--help exits 0", async () => {
    const c = capture();
    expect(await runCli(["--help"], commands, c)).toBe(0);
    expect(c.out.join("\n")).toContain("thing explode");
  });

  it("runs cleanup even when the command fails", async () => {
    let cleaned = false;
    const c = capture();
    await runCli(["thing", "explode"], commands, { ...c, cleanup: async () => void (cleaned = true) });
    expect(cleaned).toBe(true);
  });
});
