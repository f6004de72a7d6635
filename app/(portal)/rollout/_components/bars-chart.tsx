"use client";

import { useRouter } from "next/navigation";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { axisTick, colors, cursorFill, gridStroke, legendLabel } from "./chart-theme";

export interface BarSeries {
  key: string;
  label: string;
  color: string;
  stack?: string;
}

export type ChartRow = Record<string, string | number | null> & { href?: string | null };

/**
 * Bars per category (one chart type for most rollout figures). Rows carry their drill-down `href`: a click
 * on a bar opens the list behind it (the table under the chart has the same links for the keyboard).
 * `horizontal`: categories down the side, bars across — for long labels (waves, departments).
 */
export function BarsChart({
  data,
  category,
  series,
  horizontal = false,
  unit = "",
  max,
  marker,
  height,
  label,
}: {
  data: ChartRow[];
  category: string;
  series: BarSeries[];
  horizontal?: boolean;
  unit?: string;
  max?: number;
  /** A value drawn as a mark on each category, e.g. the target. */
  marker?: { key: string; label: string };
  height?: number;
  label: string;
}) {
  const router = useRouter();
  const open = (entry: unknown) => {
    const row = ((entry as { payload?: ChartRow }).payload ?? entry) as ChartRow;
    if (row?.href) router.push(row.href);
  };
  const h =
    height ??
    (horizontal
      ? Math.max(160, 44 + data.length * (series.some((s) => s.stack) ? 30 : 22 * series.length + 14))
      : 260);
  const value = {
    type: "number" as const,
    tick: axisTick,
    domain: [0, max ?? "auto"] as [number, number | "auto"],
    unit,
    allowDecimals: false,
  };
  // Down the side every category has its own row; along the bottom, at narrow widths, Recharts drops the
  // ticks whose measured labels would touch (first and last kept) instead of printing them into each other.
  const cat = {
    type: "category" as const,
    dataKey: category,
    tick: axisTick,
    interval: horizontal ? (0 as const) : ("preserveStartEnd" as const),
    minTickGap: 8,
  };
  return (
    <div role="img" aria-label={label} style={{ height: h }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          layout={horizontal ? "vertical" : "horizontal"}
          margin={{ top: 8, right: 16, bottom: 4, left: 8 }}
          barGap={2}
        >
          <CartesianGrid stroke={gridStroke} horizontal={!horizontal} vertical={horizontal} />
          {horizontal ? <XAxis {...value} /> : <XAxis {...cat} />}
          {horizontal ? <YAxis {...cat} width={150} /> : <YAxis {...value} width={44} />}
          <Tooltip
            cursor={{ fill: cursorFill }}
            formatter={(v) => (v === null || v === undefined ? "—" : `${v}${unit}`)}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendLabel} />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              stackId={s.stack}
              maxBarSize={28}
              cursor="pointer"
              onClick={open}
              isAnimationActive={false}
            />
          ))}
          {marker ? (
            <Scatter
              dataKey={marker.key}
              name={marker.label}
              fill={colors.target}
              shape="diamond"
              isAnimationActive={false}
            />
          ) : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
