// Structured JSON logs on stderr. Secrets never reach a log: known secret-bearing keys are redacted
// at any depth, and callers must not pass a Temporary Access Pass or a token in a message string.

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_KEYS =
  /^(temporaryaccesspass|tap|password|secret|client_?secret|access_?token|refresh_?token|id_?token|authorization|cookie|token)$/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[deep]";
  if (value instanceof Error) {
    return {
      name: value.name,
      message: value.message,
      stack: value.stack?.split("\n").slice(0, 6).join("\n"),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEYS.test(k) ? "[redacted]" : redact(v, depth + 1);
    return out;
  }
  return value;
}

let threshold: Level = "info";
export function setLogLevel(level: Level) {
  threshold = level;
}

function write(level: Level, message: string, fields?: Record<string, unknown>, isAlways = false) {
  if (!isAlways && order[level] < order[threshold]) return;
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    message,
    ...(redact(fields ?? {}) as object),
  });
  process.stderr.write(line + "\n");
}

export const logger = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => write("error", m, f),
  /** An info line written whatever LOG_LEVEL says: records an operator relies on (audit checkpoints). */
  always: (m: string, f?: Record<string, unknown>) => write("info", m, f, true),
};
