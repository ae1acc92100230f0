// One timed request. Round trip is measured here; latency and connect come from the browser's
// Resource Timing entry (readable cross-origin because the API sends Timing-Allow-Origin); process
// is the function's own `app` time from Server-Timing (readable because CORS exposes the header).

/** Parses `name;dur=ms, ...` into {name: ms}. */
export function serverTiming(header) {
  const metrics = {};
  for (const part of (header || '').split(',')) {
    const [name, ...params] = part.trim().split(';');
    const dur = params.map(p => p.trim()).find(p => p.startsWith('dur='));
    if (name && dur) metrics[name.trim()] = Number(dur.slice(4));
  }
  return metrics;
}

/**
 * fetch() with timings. `read` turns the response into a value ('json', 'blob' or 'text').
 * Resolves to {ok, status, value, headers, timings}, or rejects when nothing came back (a refused
 * connection, or a platform error without CORS headers, which the browser hides from the page).
 */
export async function timedFetch(url, init, read) {
  const tagged = new URL(url);
  tagged.searchParams.set('r', crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
  const start = performance.now();
  const response = await fetch(tagged, { ...init, mode: 'cors', cache: 'no-store' });
  const value = await (response.ok ? response[read]() : response.text());
  const roundTrip = performance.now() - start;
  const entry = await resourceEntry(tagged.href);
  const process = serverTiming(response.headers.get('Server-Timing')).app;
  const timings = {
    roundTrip,
    process: Number.isFinite(process) ? process : null,
    latency: entry && entry.responseStart > 0 ? entry.responseStart - entry.startTime : null,
    connect: entry && entry.connectEnd >= entry.connectStart ? entry.connectEnd - entry.connectStart : null,
  };
  timings.overhead = timings.process == null ? null : Math.max(0, roundTrip - timings.process);
  return { ok: response.ok, status: response.status, value, headers: response.headers, timings };
}

// The entry is queued when the response ends; give the browser a moment to deliver it.
async function resourceEntry(href) {
  for (let i = 0; i < 20; i++) {
    const entries = performance.getEntriesByName(href);
    if (entries.length) return entries[entries.length - 1];
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  return null;
}

/** What went wrong, in words a reader can act on. */
export function describeFailure(result) {
  if (!result) {
    return 'unreachable, or refused by the platform before the function ran (its own errors carry no CORS headers)';
  }
  const instance = result.headers.get('X-PixelForge-Instance');
  if (result.status === 429 || (result.status === 500 && !instance)) return `throttled (${result.status})`;
  let message = '';
  try {
    const body = JSON.parse(result.value);
    message = body.message || body.error || '';
  } catch (notJson) {
    message = String(result.value || '').slice(0, 160);
  }
  return `${result.status}${message ? ': ' + message : ''}`;
}
