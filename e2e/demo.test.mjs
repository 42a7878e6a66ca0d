// End-to-end test of the demo page in Debian's headless Chromium, driven by playwright-core (node --test).
//
//   BASE_URL=http://127.0.0.1:3000 node --test demo.test.mjs    (e2e/run.sh starts a server and sets BASE_URL)
//
// BASE_URL must serve the page at / and GET /csv_test?delay=N. The test runs the page as a person would (fill N and
// the delay, press Run), then reads window.lastRun, which the page sets after drawing the timeline.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, statSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE_URL = process.env.BASE_URL;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const OUT_DIR = process.env.E2E_OUT || new URL("../target/e2e/", import.meta.url).pathname;
// Without the background-networking flags Chromium keeps dialling Google services, which a closed network refuses.
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

let context;
let profile;

before(async () => {
  assert.ok(BASE_URL, "BASE_URL must point at a server with the page at / and /csv_test (see e2e/run.sh)");
  profile = mkdtempSync(join(tmpdir(), "csv-test-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1000, height: 900 },
  });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens the page, fills the form, presses Run, waits for the run to finish and returns window.lastRun. */
async function runPage(n, delay) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(BASE_URL + "/", { waitUntil: "load" });
  await page.getByLabel("Requests (N)").fill(String(n));
  await page.getByLabel("Delay (s)").fill(String(delay));
  await page.getByRole("button", { name: "Run" }).click();
  await page.waitForFunction(() => document.body.dataset.state === "done", null, { timeout: (delay + 20) * 1000 });
  const run = await page.evaluate(() => window.lastRun);
  assert.deepEqual(errors, [], "no script errors on the page");
  return { page, run };
}

function assertTogether(run, n, delay, limitMs) {
  assert.equal(run.n, n);
  assert.equal(run.failed, 0, "failures: " + JSON.stringify(run.requests.filter((r) => r.error).slice(0, 3)));
  assert.equal(new Set(run.requests.map((r) => r.url)).size, n, "every request has its own URL");
  for (const r of run.requests) {
    if (!r.opaque) {
      assert.equal(r.status, 200, `request ${r.i} status`);
      assert.ok(r.bytes > 0, `request ${r.i} has a body`);
    }
    assert.ok(r.endMs >= delay * 1000 - 50, `request ${r.i} ended at ${r.endMs} ms, before the ${delay} s delay`);
    assert.ok(r.endMs <= limitMs, `request ${r.i} ended at ${Math.round(r.endMs)} ms, later than ${limitMs} ms`);
  }
}

test("N=2, delay=2: both bars end within 2.6 s", async () => {
  const { page, run } = await runPage(2, 2);
  assertTogether(run, 2, 2, 2600);
  assert.equal(await page.locator("#timeline rect.bar").count(), 2, "one bar per request");
  assert.match(await page.locator("#s-ok").textContent(), /^2 \/ 2$/);
  const note = page.getByRole("heading", { name: /two tabs on the same URL/i });
  assert.ok(await note.isVisible(), "the page explains Chrome's cache lock");
  assert.match(await page.locator("section.note").textContent(), /cache lock/);
  await page.close();
});

test("N=20, delay=2: all bars end within 2.6 s; screenshot", async () => {
  const { page, run } = await runPage(20, 2);
  assertTogether(run, 20, 2, 2600);
  if (process.env.E2E_REQUIRE_CORS === "1") {
    assert.equal(run.mode, "cors", "lane hosts answered with CORS headers, so statuses were checked");
  }
  const bars = page.locator("#timeline rect.bar");
  assert.equal(await bars.count(), 20, "one bar per request");
  const ends = await bars.evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("data-end"))));
  assert.ok(Math.max(...ends) <= 2600, "the drawn bars end by 2.6 s: " + ends);

  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, "demo.png");
  await page.screenshot({ path: file, fullPage: true });
  const png = readFileSync(file);
  assert.equal(png.subarray(1, 4).toString("latin1"), "PNG", "a PNG file");
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.equal(width, 1000, "screenshot width is the viewport width");
  assert.ok(height >= 900 && height <= 4000, "full-page height " + height);
  assert.ok(statSync(file).size > 20_000, "not a blank page: " + statSync(file).size + " bytes");
  // Not blank: the timeline's bars are drawn in the 'ok' colour, so sample the rendered bar area's pixels.
  const box = await page.locator("#timeline").boundingBox();
  const clip = await page.screenshot({ clip: box });
  assert.ok(clip.length > 3_000, "timeline region has content: " + clip.length + " bytes");
  const barColours = await bars.evaluateAll((rs) => rs.map((r) => getComputedStyle(r).fill));
  assert.ok(barColours.every((c) => c === "rgb(17, 128, 106)"), "bars drawn in the success colour: " + barColours[0]);
  await page.close();
});
