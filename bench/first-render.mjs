// Time to first render of the console on a cold load: a fresh browser profile (empty cache)
// opens the login page of a running server; prints first contentful paint, DOMContentLoaded,
// load, and the bytes transferred (compressed). Usage: node bench/first-render.mjs http://127.0.0.1:PORT
import { createRequire } from 'node:module';
const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const base = process.argv[2] || 'http://127.0.0.1:8080';
const runs = Number(process.argv[3] || 5);
const browser = await chromium.launch({
  executablePath: process.env.YQ_CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const rows = [];
for (let i = 0; i < runs; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  await page.goto(base + '/login', { waitUntil: 'load' });
  await page.waitForSelector('input', { timeout: 10000 });
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
    const bytes = performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, nav.transferSize);
    return { fcp: fcp ? fcp.startTime : null, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, bytes };
  });
  rows.push(t);
  await ctx.close();
}
await browser.close();
const med = (k) => rows.map((r) => r[k]).sort((a, b) => a - b)[rows.length >> 1];
console.log(`cold load of ${base}/login over ${runs} fresh profiles (median): first contentful paint ${med('fcp').toFixed(0)} ms, DOMContentLoaded ${med('dcl').toFixed(0)} ms, load ${med('load').toFixed(0)} ms, ${(med('bytes') / 1024).toFixed(0)} KiB transferred`);
