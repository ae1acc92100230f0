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

// Resource Timing entries of this page's own requests, by their (unique) URL. The browser's buffer
// keeps 250 entries and then stops adding, so reading it alone loses latency and connect after 250
// requests. An observer sees every entry, buffer full or not; the buffer is then only a fallback, and
// it is cleared whenever it fills. Clearing it after each read would drop the entries of requests of
// the same burst that are still to be read; the observer keeps those until their request asks.
const tracked = new Set();
const delivered = new Map();
const waiting = new Map();
if (typeof PerformanceObserver === 'function') {
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (!tracked.has(entry.name)) continue;
      const resolve = waiting.get(entry.name);
      if (resolve) resolve(entry); else delivered.set(entry.name, entry);
    }
  }).observe({ type: 'resource' });
}
performance.addEventListener('resourcetimingbufferfull', () => performance.clearResourceTimings());

/** Thrown by a `parse` when a 200's body is not what the page asked for; its message says how. */
export class UnreadableBody extends Error {}

/**
 * fetch() with timings. `body` says how a 200 becomes a value: `read` ('text' or 'blob') takes the
 * bytes, `parse` (async, may throw) checks and turns them into what the page shows. Resolves to
 * {ok, status, value, unreadable, headers, timings}: a 200 whose body does not parse has ok false and
 * `unreadable` saying why. Rejects only when nothing came back (a refused connection, or a platform
 * error without CORS headers, which the browser hides from the page).
 */
export async function timedFetch(url, init, body) {
  const tagged = new URL(url);
  // A name of its own per request, so that its Resource Timing entry is found among a burst's.
  tagged.searchParams.set('r', crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
  tracked.add(tagged.href);
  try {
    const start = performance.now();
    const response = await fetch(tagged, { ...init, mode: 'cors', cache: 'no-store' });
    let raw = null;
    let unreadable = null;
    try {
      raw = await (response.ok ? response[body.read]() : response.text());
    } catch (broken) {
      // The headers came, the body broke off: an answer all the same, not 'unreachable'.
      unreadable = `the body broke off (${broken.message || broken})`;
    }
    const roundTrip = performance.now() - start; // to the last byte, before the page parses it
    let value = raw;
    if (response.ok && unreadable == null) {
      try {
        value = await body.parse(raw);
      } catch (notWhatWasAsked) {
        unreadable = shorten(notWhatWasAsked.message || String(notWhatWasAsked));
        value = null;
      }
    }
    const entry = await resourceEntry(tagged.href);
    const process = serverTiming(response.headers.get('Server-Timing')).app;
    const timings = {
      roundTrip,
      process: Number.isFinite(process) ? process : null,
      latency: entry && entry.responseStart > 0 ? entry.responseStart - entry.startTime : null,
      connect: entry && entry.responseStart > 0 && entry.connectEnd >= entry.connectStart ? entry.connectEnd - entry.connectStart : null,
    };
    timings.overhead = timings.process == null ? null : Math.max(0, roundTrip - timings.process);
    return { ok: response.ok && unreadable == null, status: response.status, value, unreadable, headers: response.headers, timings };
  } finally {
    tracked.delete(tagged.href);
    delivered.delete(tagged.href);
    waiting.delete(tagged.href);
  }
}

// The entry is queued when the response ends, and the observer hears of it a task later; the
// buffer may already have it. A browser that never reports one leaves latency and connect empty.
async function resourceEntry(href) {
  const buffered = performance.getEntriesByName(href, 'resource');
  if (buffered.length) return buffered[buffered.length - 1];
  if (delivered.has(href)) return delivered.get(href);
  return new Promise(resolve => {
    const timer = setTimeout(() => resolve(null), 2000);
    waiting.set(href, entry => { clearTimeout(timer); resolve(entry); });
  });
}

function shorten(text) {
  return text.length > 120 ? text.slice(0, 119) + '…' : text;
}

/** A JSON body as the generate function answers: {images: [{image: base64, seed}, ...]}. */
export async function generatedImages(text) {
  const body = JSON.parse(text);
  if (!body || !Array.isArray(body.images) || !body.images.length
      || !body.images.every(i => i && typeof i.image === 'string')) {
    throw new UnreadableBody('JSON without images');
  }
  return body;
}

/** An image body, as the tone function answers: decoded once here, so that a broken one says so. */
export async function decodableImage(blob) {
  try {
    (await createImageBitmap(blob)).close();
  } catch (undecodable) {
    throw new UnreadableBody(`not an image the browser can decode (${blob.type || 'no type'}, ${blob.size} bytes)`);
  }
  return blob;
}

/** A platform's refusal to run the function now: API Gateway's 429, or its 500 without an instance. */
export function isThrottle(result) {
  return result.status === 429 || (result.status === 500 && !result.headers.get('X-PixelForge-Instance'));
}

/** 'ok', 'throttled' or 'error' (unreachable, an error status, or a 200 the page cannot read). */
export function outcome(result) {
  if (!result) return 'error';
  if (result.ok) return 'ok';
  if (result.unreadable == null && isThrottle(result)) return 'throttled';
  return 'error';
}

/** What went wrong, in words a reader can act on. */
export function describeFailure(result) {
  if (!result) {
    return 'unreachable, or refused by the platform before the function ran (its own errors carry no CORS headers)';
  }
  if (result.unreadable != null) return `${result.status} but unreadable body: ${result.unreadable}`;
  if (isThrottle(result)) return `throttled (${result.status})`;
  let message = '';
  try {
    const body = JSON.parse(result.value);
    message = body.message || body.error || '';
  } catch (notJson) {
    message = String(result.value || '').slice(0, 160);
  }
  return `${result.status}${message ? ': ' + message : ''}`;
}
