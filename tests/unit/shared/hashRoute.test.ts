import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../../shared/hashRoute.js';
import { TV_ROUTE, tvHash } from '../../../shared/reports/tv.js';

describe('the renderer address after #', () => {
  it('reads the preview token alone, a route alone, and a route with parameters', () => {
    const token = parseHash('#token=abc');
    expect(token.path).toBe('');
    expect(token.params.get('token')).toBe('abc');
    expect(parseHash('#/wallboard/tv').path).toBe(TV_ROUTE);
    const both = parseHash(`${tvHash('K'.repeat(43))}&token=abc`);
    expect(both.path).toBe(TV_ROUTE);
    expect(both.params.get('key')).toBe('K'.repeat(43));
    expect(both.params.get('token')).toBe('abc');
    expect(parseHash('').path).toBe('');
  });

  it('writes back what is left once a secret is taken out, keeping the route', () => {
    const { path, params } = parseHash('#/wallboard/tv?key=k&token=t');
    params.delete('key');
    expect(formatHash(path, params)).toBe('#/wallboard/tv?token=t');
    params.delete('token');
    expect(formatHash(path, params)).toBe('#/wallboard/tv');
    expect(formatHash('', new URLSearchParams())).toBe('');
    expect(formatHash('', new URLSearchParams('a=1'))).toBe('#a=1');
  });
});
