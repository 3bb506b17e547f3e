import { NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_PATTERN } from './control-characters';

describe('the control character rule', () => {
  it('means the same as an OpenAPI pattern (no u flag) as the validators check', () => {
    const documented = new RegExp(NO_CONTROL_CHARACTERS_PATTERN);
    const disagreements: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      if (documented.test(text) !== NO_CONTROL_CHARACTERS.test(text))
        disagreements.push(code.toString(16));
    }
    expect(disagreements).toEqual([]);
    expect(documented.test('CRM sync 🚀')).toBe(true);
    expect(documented.test('CRM\u0085sync')).toBe(false);
  });
});
