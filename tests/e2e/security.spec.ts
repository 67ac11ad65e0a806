import { test as plain, expect } from '@playwright/test';

// A plain page: the injected script below is meant to be refused, which the
// shared fixture would count as a failure.
plain('the Content-Security-Policy lets only the app run: an injected inline script is refused', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('load-demo')).toBeVisible();
  const policy = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).toContain("connect-src 'self'");
  const refused = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.body.append(script);
      }),
  );
  expect(refused).toContain('script-src');
  expect(await page.evaluate(() => (window as any).__injected)).toBeUndefined();
});
