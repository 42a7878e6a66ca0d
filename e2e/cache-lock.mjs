// Chromium's HTTP cache lock, measured (docs/latency.md, "The Chrome cache-lock trap"):
//
//   node e2e/cache-lock.mjs [delaySeconds]     (after `npm ci` in e2e/; needs /usr/bin/chromium, Debian's package)
//
// Starts a local server that answers GET /csv_test?delay=N after N seconds with the headers and the whole body at
// once (as API Gateway does with a Lambda response), `Cache-Control: no-store`, and runs three cases in headless
// Chromium, each with two requests started together:
//   1. two tabs navigating to the same URL;
//   2. two tabs navigating to distinct URLs (&tab=1, &tab=2);
//   3. one page calling fetch(url, {cache: 'no-store'}) twice for the same URL.
// For each request, in order, it prints when the server saw it arrive and when the browser had the response, in
// seconds from the start of the case (both tabs are opened at 0; a new tab takes up to a second to send). Output kept in docs/measurements/chromium-cache-lock.txt.
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const DELAY = Number(process.argv[2] || 3);
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];
const BODY = "id,value\n" + Array.from({ length: 1000 }, (_, i) => `${i},${i * i}`).join("\n") + "\n";

let t0 = 0;
const arrivals = [];
const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/") {
    res.writeHead(200, { "Content-Type": "text/html", "Cache-Control": "no-store" });
    res.end("<!doctype html><title>cache lock</title>");
    return;
  }
  arrivals.push({ url: req.url, at: (Date.now() - t0) / 1000 });
  const delay = Number(url.searchParams.get("delay") || 0);
  setTimeout(() => {
    res.writeHead(200, { "Content-Type": "text/csv", "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(BODY) });
    res.end(BODY);
  }, delay * 1000);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), "csv-test-cache-lock-"));
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
const version = context.browser()?.version() ?? (await (await context.newPage()).evaluate(() => navigator.userAgent));

/** Navigates a new tab to url; resolves with the seconds from t0 until the response's headers reached the browser. */
async function tab(url) {
  const page = await context.newPage();
  const got = page.waitForResponse((r) => r.url() === url, { timeout: 60_000 }).then(() => (Date.now() - t0) / 1000);
  page.goto(url, { waitUntil: "commit" }).catch(() => {}); // text/csv may become a download; the response still counts
  return got;
}

async function runCase(name, start) {
  arrivals.length = 0;
  t0 = Date.now();
  const done = (await start()).sort((a, b) => a - b);
  const lines = [`### ${name}`, "", "| | request arrived at the server (s) | response in the browser (s) |", "|---|---:|---:|"];
  done.forEach((d, i) => lines.push(`| ${i ? "second" : "first"} | ${arrivals[i] ? arrivals[i].at.toFixed(2) : "-"} | ${d.toFixed(2)} |`));
  console.log(lines.join("\n") + "\n");
}

console.log(`Chromium: ${version}; server delay=${DELAY} s, Cache-Control: no-store; ${new Date().toISOString()}\n`);
await runCase("1. two tabs, same URL", () => Promise.all([tab(`${base}/csv_test?delay=${DELAY}`), tab(`${base}/csv_test?delay=${DELAY}`)]));
await runCase("2. two tabs, distinct URLs (&tab=1, &tab=2)",
  () => Promise.all([tab(`${base}/csv_test?delay=${DELAY}&tab=1`), tab(`${base}/csv_test?delay=${DELAY}&tab=2`)]));
const page = await context.newPage();
await page.goto(`${base}/`);
await runCase("3. one page, fetch(url, {cache: 'no-store'}) twice, same URL", async () => {
  const started = Date.now();
  const ends = await page.evaluate(async (url) => {
    const t = performance.now();
    const one = () => fetch(url, { cache: "no-store" }).then((r) => r.text()).then(() => (performance.now() - t) / 1000);
    return Promise.all([one(), one()]);
  }, `${base}/csv_test?delay=${DELAY}`);
  return ends.map((e) => e + (started - t0) / 1000);
});

await context.close();
rmSync(profile, { recursive: true, force: true });
server.close();
