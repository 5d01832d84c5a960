// Browser test: start `yusuan serve` on a fresh SQLite file, then click through
// list → report → compare → upload in Debian's headless Chromium, checking what each page
// shows and saving a screenshot of each under $SCREENSHOTS (default target/screenshots).
//
// Environment: YUSUAN_BIN (the yusuan binary), YUSUAN_CORPUS (the visible corpus, for the
// upload), CHROMIUM (default /usr/bin/chromium).

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "../..");
const bin = process.env.YUSUAN_BIN ?? join(root, "target/debug/yusuan");
const corpus = process.env.YUSUAN_CORPUS ?? join(root, "../shared/corpus/visible");
const shots = process.env.SCREENSHOTS ?? join(root, "target/screenshots");
const token = "browser-test-token";
// The budget folders a first start loads: one unit each.
const examples = readdirSync(join(root, "examples")).filter((d) =>
  existsSync(join(root, "examples", d, "unit.toml")),
).length;
mkdirSync(shots, { recursive: true });

function fail(message) {
  console.error(`browser test failed: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

function check(condition, message) {
  if (!condition) fail(message);
  console.log(`ok - ${message}`);
}

// The server, on a port it chooses; its first line of output says which.
const db = join(mkdtempSync(join(tmpdir(), "yusuan-browser-")), "web.db");
const server = spawn(bin, ["serve", "--db", `sqlite:${db}`, "--addr", "127.0.0.1:0", "--token", token], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
});
const base = await new Promise((ok, no) => {
  let seen = "";
  server.stdout.on("data", (chunk) => {
    seen += chunk;
    const m = seen.match(/http:\/\/(127\.0\.0\.1:\d+)/);
    if (m) ok(`http://${m[1]}`);
  });
  server.on("exit", (code) => no(new Error(`yusuan serve exited with ${code}`)));
  // unref: the limit must not keep node alive for a minute after the checks end.
  setTimeout(() => no(new Error("yusuan serve did not start")), 60000).unref();
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The refused upload answers 401 on purpose; anything else failing to load is a fault.
  let refusals = 0;
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (m.text().includes("status of 401") && refusals++ === 0) return;
    errors.push(m.text());
  });

  // 1. The unit list, and its search.
  await page.goto(`${base}/`);
  check(examples >= 4, `the four families have an example each (${examples})`);
  check(
    (await page.locator("#units tbody tr").count()) === examples,
    `the list shows every example unit (${examples})`,
  );
  await page.fill("#q", "长治");
  await page.click("form.search button");
  check((await page.locator("#units tbody tr").count()) === 1, "searching 长治 leaves one unit");
  await page.screenshot({ path: join(shots, "1-units.png"), fullPage: true });

  // 2. A report: tables, findings linked to cells, charts drawn.
  await page.click("a.report-link");
  await page.waitForSelector("#chart-classes svg");
  check((await page.locator("section.report-table").count()) === 13, "the 长治 report shows its 13 tables");
  check((await page.locator("#classes-body tr").count()) === 6, "the table beside the treemap lists 6 类");
  check(await page.locator("#chart-basic svg").isVisible(), "the 基本/项目 chart is drawn");
  check(await page.locator("#chart-years svg").isVisible(), "the year chart is drawn");
  const linked = page.locator(".findings a[href^='#t']").first();
  const target = await linked.getAttribute("href");
  await linked.click();
  check(await page.locator(target).isVisible(), `a finding links to its cell ${target}`);
  await page.screenshot({ path: join(shots, "2-report.png"), fullPage: false });
  // A finding about a project's targets opens that project.
  const toProject = page.locator(".findings a[href^='#p']").first();
  const project = await toProject.getAttribute("href");
  await toProject.click();
  // The page opens the project on the hash change: wait for it rather than race it.
  const opened = await page
    .waitForFunction((id) => document.querySelector(`details${id}`)?.open, project, { timeout: 5000 })
    .then(() => true, () => false);
  check(opened, `a target finding opens its project ${project}`);

  // 3. Compare it with the other report.
  await page.goto(`${base}/compare`);
  await page.selectOption("#a", { index: 0 });
  await page.selectOption("#b", { index: 1 });
  await page.click("form.compare-form button");
  await page.waitForSelector("#diff");
  const summary = await page.textContent("#diff-summary");
  check(/共 \d+ 个单元格，\d+ 个不同/.test(summary), `the comparison counts differences: ${summary.trim()}`);
  check((await page.locator("#diff tr.changed").count()) > 0, "differing cells are marked");
  await page.screenshot({ path: join(shots, "3-compare.png"), fullPage: false });

  // 4. Upload a published PDF; the job page gives way to its report.
  await page.goto(`${base}/upload`);
  await page.fill("#token", "wrong");
  await page.setInputFiles("#file", join(corpus, "sh_pt_zfbgs_2025_dept_budget.pdf"));
  await page.click("#upload-form button");
  check((await page.textContent("p.error")).includes("令牌不对"), "a wrong token is refused");
  await page.fill("#token", token);
  await page.setInputFiles("#file", join(corpus, "sh_pt_zfbgs_2025_dept_budget.pdf"));
  await page.click("#upload-form button");
  await page.waitForURL(/\/reports\/\d+$/, { timeout: 120000 });
  const title = await page.textContent("h1");
  check(title.includes("上海市普陀区人民政府办公室") && title.includes("2025"), `the uploaded PDF became a report: ${title}`);
  check(await page.locator(".meta").textContent().then((t) => t.includes("从已发布文件提取")), "it is marked as extracted");
  check((await page.locator("section.report-table").count()) >= 9, "its 9 tables are shown");
  await page.screenshot({ path: join(shots, "4-uploaded.png"), fullPage: false });

  check(errors.length === 0, `no script errors${errors.length ? ": " + errors.join("; ") : ""}`);
} finally {
  await browser.close();
  server.kill();
}
console.log(`screenshots in ${shots}`);
