/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (random: () => number, n: number) => {
  let s = "";
  for (let i = 0; i < n; i++) s += Math.floor(random() * 16).toString(16);
  return s;
};

export function guid(random: () => number): string {
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${"89ab"[Math.floor(random() * 4)]}${hex(random, 3)}-${hex(random, 12)}`;
}

const b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Method ids look like `_jpuR-TGZgk6aQCLF3BQjA2` in Graph. */
export function methodId(random: () => number): string {
  let s = "";
  for (let i = 0; i < 22; i++) s += b64chars[Math.floor(random() * 64)];
  return `${s}2`;
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

export function weighted<T extends { weight: number }>(random: () => number, items: readonly T[]): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let r = random() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1] as T;
}

export function thumbprint(random: () => number): string {
  return hex(random, 40);
}

/** Vendor-looking serial numbers (the hidden ground truth). */
export function serialFor(vendor: string, random: () => number): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join("");
  switch (vendor) {
    case "Yubico":
      return String(10_000_000 + Math.floor(random() * 89_999_999));
    case "Feitian":
      return `FT${hex(random, 10).toUpperCase()}`;
    case "TOKEN2":
      return `T2-${digits(8)}`;
    case "Thales":
      return `TH${digits(10)}`;
    case "Google":
      return `GT${hex(random, 12).toUpperCase()}`;
    default:
      return `${vendor.slice(0, 2).toUpperCase()}${digits(10)}`;
  }
}
