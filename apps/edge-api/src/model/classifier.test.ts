// A model and a card that do not belong together must fail at start-up with a message naming the
// mismatch, never serve wrong answers.
import { describe, expect, it } from 'vitest';
import { startBackend } from '../backend/index.js';
import defaultModel from './default-model.js';
import { loadClassifier, type BundledModel } from './index.js';

const card = defaultModel.card as Record<string, unknown> & { input: { shape: number[] }; preprocess: Record<string, unknown>; weightsHash: { value: string }; labels: string[]; output: { units: number } };
const modelJson = defaultModel.modelJson as Record<string, unknown>;

function withCard(patch: Record<string, unknown>): BundledModel {
  return { ...defaultModel, card: { ...card, ...patch } };
}

describe('loadClassifier', () => {
  it('loads the default model and answers with its labels', async () => {
    const classifier = await loadClassifier(defaultModel, startBackend);
    expect(classifier.backend.name).toBe('wasm');
    const [h, w, c] = card.input.shape;
    const input = { data: new Float32Array(h * w * c), shape: [h, w, c] as [number, number, 1 | 3], ink: { paper: [255, 255, 255] as [number, number, number], contrast: 0, fraction: 0, blank: true, edgeLines: 0, region: { x: 0, y: 0, width: w, height: h } } };
    const decision = classifier.decide(await classifier.infer(input), input);
    expect(Object.keys(decision.scores)).toEqual(classifier.card.labels);
    expect(decision).toMatchObject({ uncertain: true, reason: 'blank' });
  });

  it('refuses weights whose hash is not the card’s', async () => {
    await expect(loadClassifier(withCard({ weightsHash: { algorithm: 'sha256', value: '0'.repeat(64) } }), startBackend)).rejects.toThrow(/SHA-256 .* card and weights are from different models/);
  });

  it('refuses a card with a different input size', async () => {
    const [h, w] = card.input.shape;
    const bigger = withCard({ input: { shape: [h * 2, w * 2, 1] }, preprocess: { ...card.preprocess, size: [h * 2, w * 2] } });
    await expect(loadClassifier(bigger, startBackend)).rejects.toThrow(`does not match the card's ${h * 2}x${w * 2}x1`);
  });

  it('refuses a card that expects more outputs than the model gives', async () => {
    const outputs = card.output.units;
    const more = withCard({ labels: [...card.labels, 'extra'], output: { activation: 'softmax', units: outputs + 1 } });
    await expect(loadClassifier(more, startBackend)).rejects.toThrow(new RegExp(`outputs \\[1, ${outputs}\\] for one image; the card says ${outputs + 1} unit`));
  });

  it('refuses a model.json that is not a graph model, and weights of the wrong size', async () => {
    await expect(loadClassifier({ ...defaultModel, modelJson: { ...modelJson, format: 'layers-model' } }, startBackend)).rejects.toThrow(/not a tfjs graph model/);
    await expect(loadClassifier({ ...defaultModel, weights: defaultModel.weights.slice(0, 100) }, startBackend)).rejects.toThrow(/100 bytes; model.json's manifest needs/);
  });

  it('refuses an invalid card, naming the field', async () => {
    await expect(loadClassifier(withCard({ labels: ['only-one'] }), startBackend)).rejects.toThrow(/labels/);
  });
});
