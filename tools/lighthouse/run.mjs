// Runs Lighthouse (performance only) on each URL with the mobile and desktop
// presets, in one Debian Chromium, and prints one JSON line per run.
// Usage: node run.mjs RUNS URL...   (CHROME_PATH: the browser, default /usr/bin/chromium; PRESETS=mobile)
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const [runs, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions'],
});
// PRESETS=mobile (or desktop) runs one preset only
const presets = Object.fromEntries(Object.entries({mobile: undefined, desktop: desktopConfig})
  .filter(([name]) => !process.env.PRESETS || process.env.PRESETS.split(',').includes(name)));
try {
  for (let run = 0; run < Number(runs); run++) {
    for (const url of urls) {
      for (const [preset, config] of Object.entries(presets)) {
        const result = await lighthouse(url, {port: chrome.port, onlyCategories: ['performance'], logLevel: 'error'}, config);
        const lhr = result.lhr;
        const audit = (id) => lhr.audits[id];
        const requests = audit('network-requests').details?.items ?? [];
        const unused = (id) => audit(id)?.details?.overallSavingsBytes ?? 0;
        console.log(JSON.stringify({
          url, preset, run,
          benchmarkIndex: lhr.environment.benchmarkIndex,  // the machine's speed: compare runs with similar ones
          score: Math.round(lhr.categories.performance.score * 100),
          tbt: audit('total-blocking-time').numericValue,
          cls: audit('cumulative-layout-shift').numericValue,
          fcp: audit('first-contentful-paint').numericValue,
          lcp: audit('largest-contentful-paint').numericValue,
          tti: audit('interactive')?.numericValue,
          si: audit('speed-index').numericValue,
          userTimings: Object.fromEntries((audit('user-timings')?.details?.items ?? [])
            .filter((i) => i.timingType === 'Mark').map((i) => [i.name, Math.round(i.startTime)])),
          requests: requests.length,
          transfer: requests.reduce((sum, r) => sum + (r.transferSize || 0), 0),
          resource: requests.reduce((sum, r) => sum + (r.resourceSize || 0), 0),
          unusedCss: unused('unused-css-rules'),
          unusedJs: unused('unused-javascript'),
          renderBlocking: (audit('render-blocking-resources')?.details?.items ?? []).map((i) => i.url),
          failed: requests.filter((r) => !(r.statusCode >= 200 && r.statusCode < 400)).map((r) => `${r.statusCode} ${r.url}`),
          // what shifts and what blocks, to study a figure (not in the table)
          shifts: (audit('layout-shifts')?.details?.items ?? []).map((i) => `${i.score.toFixed(3)} ${i.node?.selector ?? ''}`),
          bootup: (audit('bootup-time')?.details?.items ?? []).slice(0, 5).map((i) => `${Math.round(i.scripting)}ms ${i.url}`),
          mainThread: Object.fromEntries((audit('mainthread-work-breakdown')?.details?.items ?? []).map((i) => [i.group, Math.round(i.duration)])),
          longTasks: (audit('long-tasks')?.details?.items ?? []).map((i) => `${Math.round(i.duration)}ms@${Math.round(i.startTime)} ${i.url}`),
          runtimeError: lhr.runtimeError?.message,
        }));
      }
    }
  }
} finally {
  await chrome.kill();
}
