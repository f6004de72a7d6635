import { createElement } from "react";

// One palette for every rollout chart, so "registered" or "password" is the same colour everywhere.
export const colors = {
  brand: "#2f6fde",
  registered: "#2f6fde",
  used: "#0f766e",
  passwordless: "#7c3aed",
  // CSS variables follow the dark mode (app/dark-mode.css); SVG fill and stroke accept var().
  target: "var(--color-slate-900)",
  assigned: "#93c5fd",
  scope: "#cbd5e1",
  backup: "#059669",
  backupLine: "#d97706",
  noBackup: "#fbbf24",
  ready: "#10b981",
  notReady: "#dc2626",
  phishingResistant: "#059669",
  password: "#dc2626",
  other: "#94a3b8",
  stock: "#2f6fde",
  onOrder: "#93c5fd",
  demand: "#f59e0b",
  replacement: "#fb7185",
  lost: "#dc2626",
  taps: "#f59e0b",
  waiting: "#f59e0b",
} as const;

export const axisTick = { fontSize: 12, fill: "var(--color-slate-600)" };
export const gridStroke = "var(--color-slate-200)";
export const cursorFill = "var(--color-slate-100)";
/** Legend entries in the text colour (the swatch keeps the series colour): a series colour as text can
 * fall under 4.5:1, on the dark page more than most. */
export const legendLabel = (value: unknown) =>
  createElement("span", { style: { color: "var(--color-slate-700)" } }, String(value));
