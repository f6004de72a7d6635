"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, gridStroke, legendLabel } from "./chart-theme";

const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const tick = (v: unknown) =>
  typeof v === "string" || typeof v === "number" || v instanceof Date ? dayMonth.format(new Date(v)) : "";

/** Values over time (dates on the x axis), e.g. the adoption trend from the daily snapshots. */
export function LinesChart({
  data,
  x,
  series,
  unit = "",
  max,
  height = 240,
  label,
}: {
  data: Record<string, string | number | Date | null>[];
  x: string;
  series: { key: string; label: string; color: string }[];
  unit?: string;
  max?: number;
  height?: number;
  label: string;
}) {
  return (
    <div role="img" aria-label={label} style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey={x} tick={axisTick} tickFormatter={tick} minTickGap={24} />
          <YAxis tick={axisTick} domain={[0, max ?? "auto"]} unit={unit} width={48} />
          <Tooltip
            labelFormatter={tick}
            formatter={(v) => (v === null || v === undefined ? "—" : `${v}${unit}`)}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendLabel} />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
