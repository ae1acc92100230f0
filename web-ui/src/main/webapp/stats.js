// Session statistics, computed as the report computes them: nearest-rank percentiles.

export function summarise(values) {
  if (!values.length) return { n: 0, mean: null, p50: null, p95: null };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p => sorted[Math.max(0, Math.ceil(p / 100 * sorted.length) - 1)];
  return { n: sorted.length, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, p50: rank(50), p95: rank(95) };
}

export function ms(value) {
  if (value == null || !Number.isFinite(value)) return '–';
  return value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
}
