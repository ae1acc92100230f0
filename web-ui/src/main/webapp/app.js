import { timedFetch, describeFailure, outcome, generatedImages, decodableImage } from './measure.js';
import { summarise, ms } from './stats.js';

const BACKENDS = [
  { id: 'aws-lambda', name: 'AWS Lambda + API Gateway' },
  { id: 'gcp-function', name: 'Google Cloud Functions' },
  { id: 'container', name: 'Container (Cloud Run)' },
];

// The session's timing statistics, of successful requests only, and beside them the count of each outcome.
const METRICS = { 'round-trip': 'roundTrip', process: 'process', latency: 'latency', connect: 'connect' };
const state = { config: { backends: {}, samples: [] }, history: {}, counts: {}, columns: {} };

async function loadConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) state.config = { ...state.config, ...(await response.json()) };
  } catch (noConfig) { /* a static host may have none: URL parameters or the form then say where the backends are */ }
  const params = new URLSearchParams(location.search);
  for (const b of BACKENDS) {
    if (params.get(b.id)) state.config.backends[b.id] = params.get(b.id);
  }
}

/** What a private backend wants on every request (config.json's credentials), or nothing. */
function credentialHeaders(id) {
  const credential = (state.config.credentials || {})[id];
  return credential ? { [credential.header]: credential.value } : {};
}

function backendUrl(id) {
  return (document.getElementById(`url-${id}`).value || '').replace(/\/+$/, '');
}

function renderBackendForm() {
  const form = document.getElementById('backends');
  for (const b of BACKENDS) {
    const label = document.createElement('label');
    label.htmlFor = `url-${b.id}`;
    label.textContent = b.name;
    const input = document.createElement('input');
    input.type = 'url';
    input.id = `url-${b.id}`;
    input.value = state.config.backends[b.id] || '';
    input.placeholder = 'https://…';
    input.addEventListener('change', () => { state.columns[b.id].querySelector('.url').textContent = backendUrl(b.id); });
    form.append(label, input);
  }
}

function renderColumns() {
  const template = document.getElementById('column-template');
  const columns = document.getElementById('columns');
  for (const b of BACKENDS) {
    const column = template.content.firstElementChild.cloneNode(true);
    column.dataset.target = b.id;
    column.id = `column-${b.id}`;
    column.setAttribute('aria-labelledby', `title-${b.id}`);
    const title = column.querySelector('.name');
    title.id = `title-${b.id}`;
    title.textContent = b.name;
    column.querySelector('.url').textContent = backendUrl(b.id) || 'no URL set';
    columns.append(column);
    state.columns[b.id] = column;
    state.history[b.id] = Object.fromEntries(Object.keys(METRICS).map(m => [m, []]));
    state.counts[b.id] = { ok: 0, throttled: 0, error: 0 };
  }
}

function renderSamples() {
  const select = document.getElementById('sample');
  for (const s of state.config.samples || []) {
    const option = document.createElement('option');
    option.value = s.url;
    option.textContent = s.name;
    select.append(option);
  }
  if (!select.options.length) {
    const none = document.createElement('option');
    none.value = '';
    none.textContent = 'no samples here: choose a file';
    select.append(none);
  }
}

function setStatus(id, text, isError) {
  const status = state.columns[id].querySelector('.status');
  status.textContent = text;
  status.classList.toggle('error', Boolean(isError));
  state.columns[id].dataset.state = isError ? 'error' : 'ok';
}

function showTimings(id, result) {
  const column = state.columns[id];
  const set = (metric, value, text) => {
    const dd = column.querySelector(`[data-metric="${metric}"]`);
    dd.textContent = text ?? ms(value);
    if (value == null) delete dd.dataset.value; else dd.dataset.value = String(value);
  };
  const t = result.timings;
  set('round-trip', t.roundTrip);
  set('process', t.process);
  set('latency', t.latency);
  set('connect', t.connect);
  set('overhead', t.overhead);
  const cold = result.headers.get('X-PixelForge-Cold');
  set('cold', null, cold == null ? '–' : cold === 'true' ? 'yes, a new instance' : 'no');
  set('instance', null, result.headers.get('X-PixelForge-Instance') || '–');
}

/**
 * The one place where Go!, Convert and Burst record a request (`result` null: nothing came back).
 * Timings enter the statistics only for a success: a throttle's or an error's round trip measures the
 * platform's refusal, not the function. Failures are counted beside them instead. Returns the outcome.
 */
function record(id, result) {
  const kind = outcome(result);
  state.counts[id][kind]++;
  if (kind === 'ok') {
    for (const [metric, field] of Object.entries(METRICS)) {
      if (result.timings[field] != null) state.history[id][metric].push(result.timings[field]);
    }
  }
  for (const metric of Object.keys(METRICS)) {
    const s = summarise(state.history[id][metric]);
    const cells = state.columns[id].querySelectorAll(`[data-history="${metric}"] td`);
    cells[0].textContent = String(s.n);
    cells[1].textContent = ms(s.mean);
    cells[2].textContent = ms(s.p50);
    cells[3].textContent = ms(s.p95);
  }
  const counts = state.counts[id];
  const line = state.columns[id].querySelector('.outcomes');
  line.textContent = `${counts.ok} ok, ${counts.throttled} throttled, ${counts.error} ${counts.error === 1 ? 'error' : 'errors'}`
    + ' (times: successes only)';
  line.dataset.ok = String(counts.ok);
  line.dataset.throttled = String(counts.throttled);
  line.dataset.errors = String(counts.error);
  return kind;
}

function showImages(id, urls, describe) {
  const box = state.columns[id].querySelector('.images');
  box.replaceChildren(...urls.map((src, i) => {
    const img = document.createElement('img');
    img.src = src;
    img.alt = describe(i);
    return img;
  }));
}

/** Sends one request to one backend and shows the outcome in its column; never throws. */
async function runOn(id, request, render) {
  const url = backendUrl(id);
  if (!url) {
    setStatus(id, 'no URL for this backend', true);
    return null;
  }
  setStatus(id, 'waiting…');
  let result = null;
  try {
    result = await request(url, credentialHeaders(id));
  } catch (failed) {
    // Nothing came back (timedFetch rejects only then): the browser says no more than that.
    record(id, null);
    setStatus(id, describeFailure(null), true);
    state.columns[id].querySelector('.images').replaceChildren();
    return null;
  }
  if (record(id, result) !== 'ok') {
    setStatus(id, describeFailure(result), true);
    state.columns[id].querySelector('.images').replaceChildren();
    showTimings(id, result);
    return result;
  }
  render(id, result);
  showTimings(id, result);
  setStatus(id, `${result.status} OK`);
  return result;
}

function generate(count, size) {
  const seed = Math.floor(Math.random() * 1e9);
  return (url, credential) => timedFetch(`${url}/generate`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...credential },
    body: JSON.stringify({ count, size, seed }),
  }, { read: 'text', parse: generatedImages });
}

async function onGo(event) {
  event.preventDefault();
  const count = Number(document.getElementById('count').value);
  const button = document.getElementById('go');
  button.disabled = true;
  try {
    // Every backend gets the same request at the same moment.
    await Promise.all(BACKENDS.map(b => runOn(b.id, generate(count, 256), (id, result) =>
      showImages(id, result.value.images.map(i => `data:image/png;base64,${i.image}`),
        i => `Generated image ${i + 1} of ${count}, seed ${result.value.images[i].seed}`))));
  } finally {
    button.disabled = false;
  }
}

async function sourceImage() {
  const file = document.getElementById('file').files[0];
  if (file) return { blob: file, name: file.name };
  const select = document.getElementById('sample');
  if (!select.value) throw new Error('choose a sample or a file');
  const response = await fetch(select.value);
  return { blob: await response.blob(), name: select.options[select.selectedIndex].textContent };
}

async function onConvert(event) {
  event.preventDefault();
  const button = document.getElementById('convert');
  button.disabled = true;
  try {
    const { blob, name } = await sourceImage();
    const scale = document.getElementById('scale').value;
    const type = blob.type || 'application/octet-stream';
    // A TIFF's answer is a TIFF, which most browsers cannot show: ask for PNG instead.
    const format = /tiff/i.test(type) || /\.tiff?$/i.test(name) ? '&format=png' : '';
    await Promise.all(BACKENDS.map(b => runOn(b.id,
      (url, credential) => timedFetch(`${url}/tone?scale=${encodeURIComponent(scale)}${format}`, {
        method: 'POST', headers: { 'Content-Type': type, ...credential }, body: blob,
      }, { read: 'blob', parse: decodableImage }),
      (id, result) => showImages(id, [URL.createObjectURL(result.value)], () => `${name} in ${scale}`))));
  } catch (noImage) {
    for (const b of BACKENDS) setStatus(b.id, String(noImage.message || noImage), true);
  } finally {
    button.disabled = false;
  }
}

async function onBurst(event) {
  event.preventDefault();
  const k = Number(document.getElementById('burst-size').value);
  const button = document.getElementById('burst');
  button.disabled = true;
  try {
    await Promise.all(BACKENDS.map(async b => {
      const url = backendUrl(b.id);
      const out = state.columns[b.id].querySelector('.burst-result');
      if (!url) return;
      out.textContent = `burst of ${k}: sending…`;
      // A rejection is a request that got nothing back: null, recorded as an error like Go!'s.
      const results = await Promise.all(Array.from({ length: k }, () => generate(1, 64)(url, credentialHeaders(b.id)).catch(() => null)));
      const counts = { ok: 0, throttled: 0, error: 0 };
      let cold = 0;
      const instances = new Set();
      for (const r of results) {
        counts[record(b.id, r)]++;
        if (!r) continue;
        if (r.headers.get('X-PixelForge-Cold') === 'true') cold++;
        if (r.headers.get('X-PixelForge-Instance')) instances.add(r.headers.get('X-PixelForge-Instance'));
      }
      const { ok, throttled, error: failed } = counts;
      out.textContent = `burst of ${k}: ${ok} ok, ${throttled} throttled, ${failed} ${failed === 1 ? 'error' : 'errors'}; `
        + `${cold} cold starts, ${instances.size} instances`;
      out.dataset.ok = String(ok);
      out.dataset.throttled = String(throttled);
      out.dataset.errors = String(failed);
    }));
  } finally {
    button.disabled = false;
  }
}

await loadConfig();
renderBackendForm();
renderColumns();
renderSamples();
document.getElementById('generate-form').addEventListener('submit', onGo);
document.getElementById('tone-form').addEventListener('submit', onConvert);
document.getElementById('burst-form').addEventListener('submit', onBurst);
document.body.dataset.ready = 'true';
