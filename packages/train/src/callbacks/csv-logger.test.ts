import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CSVLogger } from './csv-logger.js';
import { runEpochs, tinyModel, useCpu } from './tiny-model.test-helpers.js';

let dir: string;
let file: string;
beforeAll(useCpu);
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inkling-csv-'));
  file = join(dir, 'history.csv');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const epochLogs = (i: number) => ({ loss: 1 - i / 10, accuracy: 0.5 + i / 10, val_loss: 1.1 - i / 10, val_accuracy: 0.4 + i / 10, lr: 0.001 });

describe('CSVLogger', () => {
  it('writes epoch (0-based) then the sorted keys, one row per epoch', async () => {
    await runEpochs(tinyModel(), [new CSVLogger(file)], [epochLogs(0), epochLogs(1)]);
    expect(await readFile(file, 'utf8')).toBe(
      'epoch,accuracy,loss,lr,val_accuracy,val_loss\n' + '0,0.5,1,0.001,0.4,1.1\n' + '1,0.6,0.9,0.001,0.5,1\n',
    );
  });

  it('adds val_ columns when the first epoch has none, and writes NA for missing values', async () => {
    await runEpochs(tinyModel(), [new CSVLogger(file)], [{ loss: 0.5 }, { loss: 0.25, val_loss: 0.3 }]);
    expect(await readFile(file, 'utf8')).toBe('epoch,loss,val_loss\n0,0.5,NA\n1,0.25,0.3\n');
  });

  it('uses the separator it is given', async () => {
    await runEpochs(tinyModel(), [new CSVLogger(file, { separator: ';' })], [{ loss: 0.5, val_loss: 0.75 }]);
    expect(await readFile(file, 'utf8')).toBe('epoch;loss;val_loss\n0;0.5;0.75\n');
  });

  it('without append, replaces an old file, but only once the first epoch ends', async () => {
    await writeFile(file, 'epoch,loss\n0,9\n');
    const logger = new CSVLogger(file);
    logger.setModel(tinyModel());
    await logger.onTrainBegin();
    expect(await readFile(file, 'utf8')).toBe('epoch,loss\n0,9\n');
    await logger.onEpochEnd(0, { loss: 0.5, val_loss: 0.5 });
    expect(await readFile(file, 'utf8')).toBe('epoch,loss,val_loss\n0,0.5,0.5\n');
  });

  it('with append, continues a resumed run: keeps the header, replaces re-trained epochs', async () => {
    await runEpochs(tinyModel(), [new CSVLogger(file)], [epochLogs(0), epochLogs(1), epochLogs(2)]);
    // killed after epoch 2 was logged but before its checkpoint: resume from epoch 2
    const resumed = [{ ...epochLogs(2), loss: 0.7 }, { ...epochLogs(3), extra: 5 }];
    await runEpochs(tinyModel(), [new CSVLogger(file, { append: true })], resumed, { initialEpoch: 2 });
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe('epoch,accuracy,loss,lr,val_accuracy,val_loss');
    expect(lines.map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['epoch,accuracy,loss', '0,0.5,1', '1,0.6,0.9', '2,0.7,0.7', '3,0.8,0.7']);
  });

  it('with append and no file yet, starts one', async () => {
    await runEpochs(tinyModel(), [new CSVLogger(file, { append: true })], [{ loss: 1, val_loss: 2 }]);
    expect(await readFile(file, 'utf8')).toBe('epoch,loss,val_loss\n0,1,2\n');
  });

  it('refuses to append to a file that is not its own', async () => {
    await writeFile(file, 'name,size\nx,1\n');
    const logger = new CSVLogger(file, { append: true });
    await expect(logger.onTrainBegin()).rejects.toThrow(/does not start with an "epoch" column/);
  });
});
