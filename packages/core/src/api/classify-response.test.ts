import { describe, expect, it } from 'vitest';
import { exampleClassifyResponse } from '../test-vectors/example-answer.js';
import { apiErrorBodySchema, classifyResponseSchema } from './classify-response.js';

const ANSWER = exampleClassifyResponse();

describe('classifyResponseSchema', () => {
  it('accepts an answer, with or without a reason', () => {
    expect(classifyResponseSchema.parse(ANSWER)).toEqual(ANSWER);
    expect(classifyResponseSchema.parse({ ...ANSWER, uncertain: true, reason: 'low-confidence' }).reason).toBe('low-confidence');
  });

  it('refuses what is not a complete answer, naming the field', () => {
    const bad: [unknown, RegExp][] = [
      [{ ...ANSWER, probability: 1.5 }, /probability/],
      [{ ...ANSWER, probability: Number.NaN }, /probability/],
      [{ ...ANSWER, scores: { o: 0.07 } }, /label/],
      [{ ...ANSWER, reason: 'tired' }, /reason/],
      [{ ...ANSWER, backend: undefined }, /backend/],
      [{ ...ANSWER, input: { width: 0, height: 40 } }, /input\.width/],
      [{ label: 'x' }, /probability/],
    ];
    for (const [json, field] of bad) {
      const result = classifyResponseSchema.safeParse(json);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join('.')).join(' ')).toMatch(field);
    }
  });
});

describe('apiErrorBodySchema', () => {
  it('reads { error: { code, message } } and nothing else', () => {
    expect(apiErrorBodySchema.parse({ error: { code: 'not-an-image', message: 'no' } }).error.code).toBe('not-an-image');
    expect(apiErrorBodySchema.safeParse({ error: 'no' }).success).toBe(false);
  });
});
