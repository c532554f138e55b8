import { describe, expect, it } from 'vitest';
import { percent } from './result-view.js';

describe('percent', () => {
  it('rounds to whole percent without claiming certainty the model does not have', () => {
    expect(percent(0.874)).toBe('87%');
    expect(percent(0.9996)).toBe('>99%');
    expect(percent(0.0004)).toBe('<1%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(0.995)).toBe('>99%');
    expect(percent(0.994)).toBe('99%');
  });
});
