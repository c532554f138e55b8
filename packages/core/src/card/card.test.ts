import { describe, expect, it } from 'vitest';
import { decide } from './decision.js';
import { sha256Hex } from './hash.js';
import { exampleCard } from '../test-vectors/example-card.js';
import { parseModelCard, type ModelCardInput } from './schema.js';

const CARD: ModelCardInput = exampleCard(
  { shape: [32, 32, 1] },
  { name: 'ox', architecture: { name: 'lenet', params: { total: 10, trainable: 10 } }, files: { weights: ['weights.bin'], bytes: 100 }, weightsHash: { algorithm: 'sha256', value: 'a'.repeat(64) } },
);

describe('model card', () => {
  it('fills defaults for the decision rule and the preprocessing', () => {
    const card = parseModelCard(CARD);
    expect(card.decision).toEqual({ threshold: 0.5, minConfidence: 0.9, blankIsUncertain: true });
    expect(card.preprocess.rescale).toBeCloseTo(1 / 255);
    expect(card.preprocess.resize).toBe('area');
  });

  it('names every wrong field', () => {
    const bad = { ...CARD, labels: ['o'], input: { shape: [28, 32, 1] }, weightsHash: { algorithm: 'sha256', value: 'xyz' } };
    expect(() => parseModelCard(bad)).toThrow(/labels: .*2 items/);
    expect(() => parseModelCard(bad)).toThrow(/weightsHash.value/);
    expect(() => parseModelCard({ ...CARD, input: { shape: [28, 32, 1] } })).toThrow(/input.shape: input shape 28x32x1 does not match the preprocess spec's 32x32x1/);
    expect(() => parseModelCard({ ...CARD, output: { activation: 'softmax', units: 3 } })).toThrow(/2 labels with softmax need 2 output/);
    expect(() => parseModelCard('nope')).toThrow(/invalid model card/);
  });
});

describe('decide', () => {
  const card = parseModelCard(CARD);
  it('picks the label by the threshold and reports both scores', () => {
    expect(decide(card, [0.9])).toEqual({ label: 'x', probability: 0.9, scores: { o: 0.09999999999999998, x: 0.9 }, uncertain: false });
    const o = decide(card, [0.1]);
    expect(o.label).toBe('o');
    expect(o.probability).toBeCloseTo(0.9);
    expect(decide(card, [0.5]).label).toBe('x');
  });

  it('is uncertain below minConfidence and always for a blank image', () => {
    expect(decide(card, [0.6])).toMatchObject({ label: 'x', uncertain: true, reason: 'low-confidence' });
    expect(decide(card, [0.99], { blank: true })).toMatchObject({ uncertain: true, reason: 'blank' });
    expect(decide(card, [0.99], { blank: false }).uncertain).toBe(false);
  });

  it('handles softmax models and refuses output that does not fit the card', () => {
    const three = parseModelCard({ ...CARD, labels: ['a', 'b', 'c'], output: { activation: 'softmax', units: 3 } });
    expect(decide(three, [0.03, 0.95, 0.02])).toMatchObject({ label: 'b', probability: 0.95, uncertain: false });
    expect(() => decide(three, [0.5, 0.5])).toThrow(/2 scores for 3 labels/);
    expect(() => decide(card, [Number.NaN])).toThrow(/one finite number/);
  });
});

describe('sha256Hex', () => {
  it('hashes the concatenation of its chunks', async () => {
    const abc = new TextEncoder().encode('abc');
    expect(await sha256Hex([abc])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex([abc.subarray(0, 1), abc.subarray(1)])).toBe(await sha256Hex([abc]));
  });
});
