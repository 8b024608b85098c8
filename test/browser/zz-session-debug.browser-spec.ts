import { JwtService } from '@nestjs/jwt';
import { BrowserApp, fillDate, signIn, startBrowserApp } from '../support/browser';
import { testJwtSecret, usernameOf } from '../support/test-app';

describe('debug', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp('2026-11-22', { auth: { tokenTtlSeconds: 130 } });
  });
  afterAll(() => app.close());

  it('no js stay', async () => {
    const page = await app.newPage({ javaScript: false });
    page.setDefaultTimeout(15000);
    await signIn(page, usernameOf('referrer', 'police'));
    await page.goto('/referrals?programme=restorative-justice');
    console.log(await page.content());
    const cookie = (await page.context().cookies()).find((each) => each.name === 'sc_session');
    const claims = JSON.parse(Buffer.from(cookie!.value.split('.')[1], 'base64url').toString('utf8'));
    const expired = new JwtService({}).sign({ sid: claims.sid, username: claims.username, role: claims.role, organisation: claims.organisation }, { secret: testJwtSecret, issuer: 'safer-cases', subject: claims.sub, expiresIn: -5 });
    await page.goto('/referrals/new/restorative-justice');
    await fillDate(page, 'Date referred', '2026-11-20');
    await page.getByLabel('Given name', { exact: true }).fill('Zoë');
    await page.context().addCookies([{ ...cookie!, value: expired }]);
    await page.getByRole('button', { name: 'Send referral' }).click();
    console.log(page.url());
    console.log(await page.content());
  });
});
