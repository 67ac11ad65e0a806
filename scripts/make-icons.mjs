// Renders the app icons in public/icons/ from the SVGs, with the same
// Chromium the tests use. Run after changing public/icon.svg or
// public/icons/maskable.svg: node scripts/make-icons.mjs
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const jobs = [
  ['public/icon.svg', 'public/icons/icon-192.png', 192],
  ['public/icon.svg', 'public/icons/icon-512.png', 512],
  ['public/icons/maskable.svg', 'public/icons/maskable-512.png', 512],
  ['public/icons/maskable.svg', 'public/icons/apple-touch-icon.png', 180],
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [svg, png, size] of jobs) {
  await page.setViewportSize({ width: size, height: size });
  const text = (await readFile(svg, 'utf8')).replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<html><body style="margin:0;background:transparent">${text}</body></html>`);
  await page.screenshot({ path: png, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  console.log(`${png} ${size}×${size}`);
}
await browser.close();
