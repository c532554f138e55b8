import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFolderError, flowFromDirectory } from './index.js';

const SPEC = { size: [8, 8] as [number, number], colorMode: 'grayscale' as const, rescale: 1 / 255 };
let root: string;

/** A solid PNG whose gray level encodes (class, index), so tests can tell images apart after loading. */
async function png(path: string, level: number, size = 12): Promise<void> {
  await sharp({ create: { width: size, height: size, channels: 3, background: { r: level, g: level, b: level } } }).png().toFile(path);
}

async function makeFolder(name: string, classes: Record<string, number>): Promise<string> {
  const dir = join(root, name);
  for (const [label, count] of Object.entries(classes)) {
    mkdirSync(join(dir, label), { recursive: true });
    for (let i = 0; i < count; i++) await png(join(dir, label, `img${String(i).padStart(2, '0')}.png`), label === 'x' ? 200 + i : 10 + i);
  }
  return dir;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  root = mkdtempSync(join(tmpdir(), 'inkling-flow-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('flowFromDirectory', () => {
  it("takes labels from the sorted folder names, as Keras's class_indices", async () => {
    const dir = await makeFolder('labels', { x: 3, o: 2, b: 1 });
    const it = await flowFromDirectory(dir, { spec: SPEC, shuffle: false });
    expect(it.labels).toEqual(['b', 'o', 'x']);
    expect(it.classIndices).toEqual({ b: 0, o: 1, x: 2 });
    expect(it.classes).toEqual([0, 1, 1, 2, 2, 2]);
    expect(it.filepaths[0]).toMatch(/b\/img00\.png$/);
  });

  it('yields preprocessed batches with binary or one-hot labels', async () => {
    const dir = await makeFolder('batches', { o: 3, x: 2 });
    const binary = await flowFromDirectory(dir, { spec: SPEC, classMode: 'binary', batchSize: 2, shuffle: false });
    const batches = [];
    for await (const b of binary.batches(0)) batches.push(b);
    expect(batches.map((b) => b.xs.shape)).toEqual([[2, 8, 8, 1], [2, 8, 8, 1], [1, 8, 8, 1]]);
    expect(Array.from(batches[1].ys.dataSync())).toEqual([0, 1]);
    // the gray level survives preprocessing: o images are dark, x images light
    expect(batches[0].xs.dataSync()[0]).toBeCloseTo(10 / 255, 3);
    expect(batches[2].xs.dataSync()[0]).toBeCloseTo(201 / 255, 3);
    const cat = await flowFromDirectory(dir, { spec: SPEC, classMode: 'categorical', batchSize: 5, shuffle: false });
    const first = await cat.batches(0).next();
    expect(first.value?.ys.arraySync()).toEqual([[1, 0], [1, 0], [1, 0], [0, 1], [0, 1]]);
  });

  it('shuffles per epoch from the seed: same seed same order, epochs differ', async () => {
    const dir = await makeFolder('shuffle', { o: 10, x: 10 });
    const order = async (seed: number, epoch: number) => (await flowFromDirectory(dir, { spec: SPEC, seed })).order(epoch).map((s) => s.path);
    expect(await order(1, 0)).toEqual(await order(1, 0));
    expect(await order(1, 0)).not.toEqual(await order(1, 1));
    expect(await order(1, 0)).not.toEqual(await order(2, 0));
  });

  it('splits each class by validationSplit into disjoint, seeded subsets', async () => {
    const dir = await makeFolder('split', { o: 10, x: 10 });
    const opts = { spec: SPEC, validationSplit: 0.3, seed: 5 };
    const train = await flowFromDirectory(dir, { ...opts, subset: 'training' });
    const val = await flowFromDirectory(dir, { ...opts, subset: 'validation' });
    expect(val.samples).toHaveLength(6);
    expect(train.samples).toHaveLength(14);
    expect(val.classes.filter((c) => c === 0)).toHaveLength(3);
    const trainPaths = new Set(train.filepaths);
    expect(val.filepaths.some((p) => trainPaths.has(p))).toBe(false);
    const again = await flowFromDirectory(dir, { ...opts, subset: 'validation' });
    expect(again.filepaths).toEqual(val.filepaths);
    const other = await flowFromDirectory(dir, { ...opts, seed: 6, subset: 'validation' });
    expect(other.filepaths).not.toEqual(val.filepaths);
    const keras = await flowFromDirectory(dir, { ...opts, subset: 'validation', shuffleBeforeSplit: false });
    expect(keras.filepaths.map((p) => p.split('/').slice(-2).join('/'))).toEqual(['o/img00.png', 'o/img01.png', 'o/img02.png', 'x/img00.png', 'x/img01.png', 'x/img02.png']);
  });

  it('skips a corrupt file and warns about it once', async () => {
    const dir = await makeFolder('corrupt', { o: 2, x: 2 });
    writeFileSync(join(dir, 'o', 'broken.png'), 'this is not a png');
    const bytes = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#fff' } }).png().toBuffer();
    writeFileSync(join(dir, 'x', 'truncated.png'), bytes.subarray(0, bytes.length - 20));
    const warnings: string[] = [];
    const it = await flowFromDirectory(dir, { spec: SPEC, batchSize: 10, shuffle: false, onWarning: (m) => warnings.push(m) });
    let seen = 0;
    for (let epoch = 0; epoch < 2; epoch++) for await (const b of it.batches(epoch)) seen += b.samples.length;
    expect(seen).toBe(8);
    expect(warnings.filter((w) => w.includes('broken.png'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('truncated.png'))).toHaveLength(1);
    expect([...it.skipped.keys()].map((p) => p.split('/').pop()).sort()).toEqual(['broken.png', 'truncated.png']);
  });

  it('names the folder when a class folder is empty, missing, or there are no class folders', async () => {
    const dir = await makeFolder('empty', { o: 2 });
    mkdirSync(join(dir, 'x'));
    await expect(flowFromDirectory(dir, { spec: SPEC })).rejects.toThrow(/class folder .*empty\/x has no images/);
    mkdirSync(join(root, 'noclasses'));
    await expect(flowFromDirectory(join(root, 'noclasses'), { spec: SPEC })).rejects.toThrow(DataFolderError);
    await expect(flowFromDirectory(join(root, 'noclasses'), { spec: SPEC })).rejects.toThrow(/no class folders in .*noclasses/);
    await expect(flowFromDirectory(join(root, 'nowhere'), { spec: SPEC })).rejects.toThrow(/cannot read the data folder .*nowhere/);
    const three = await makeFolder('three', { a: 1, b: 1, c: 1 });
    await expect(flowFromDirectory(three, { spec: SPEC, classMode: 'binary' })).rejects.toThrow(/'binary' needs exactly 2 class folders/);
    await expect(flowFromDirectory(three, { spec: SPEC, subset: 'training' })).rejects.toThrow(/needs a validationSplit/);
  });

  it('feeds model.fitDataset with a transform per batch and a new shuffle per epoch', async () => {
    const dir = await makeFolder('dataset', { o: 4, x: 4 });
    const it = await flowFromDirectory(dir, { spec: SPEC, classMode: 'binary', batchSize: 4, seed: 3 });
    const calls: string[] = [];
    const ds = it.toDataset((xs, epoch, batch) => {
      calls.push(`${epoch}:${batch}`);
      return tf.mul(xs, 0) as tf.Tensor4D;
    });
    for (let e = 0; e < 2; e++) {
      await ds.forEachAsync((el) => {
        const { xs } = el as { xs: tf.Tensor };
        expect(tf.max(xs).dataSync()[0]).toBe(0);
      });
    }
    expect(calls).toEqual(['0:0', '0:1', '1:0', '1:1']);
  });
});
