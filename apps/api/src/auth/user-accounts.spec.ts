import { temporaryPassword } from './user-accounts';

describe('temporary passwords', () => {
  it('are five groups of four characters none of which can be misread, each new', () => {
    const made = Array.from({ length: 200 }, temporaryPassword);
    for (const password of made) expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){4}$/);
    expect(new Set(made).size).toBe(made.length);
  });

  it('use every character of the alphabet, so none is wasted', () => {
    const seen = new Set(Array.from({ length: 200 }, temporaryPassword).join('').replace(/-/g, ''));
    expect(seen.size).toBe(31);
  });
});
