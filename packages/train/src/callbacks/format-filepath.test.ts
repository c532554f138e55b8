import { describe, expect, it } from 'vitest';
import { formatFilepath } from './format-filepath.js';

describe('formatFilepath (Python str.format, as Keras formats ModelCheckpoint paths)', () => {
  // Expected strings are what Python 3 prints for the same template and values.
  it.each<[string, Record<string, number>, string]>([
    ['{epoch:02d}-{val_loss:.2f}', { epoch: 3, val_loss: 0.12345 }, '03-0.12'],
    ['{val_accuracy:.2f}', { val_accuracy: 0.125 }, '0.12'],
    ['{val_accuracy:.2f}', { val_accuracy: 0.375 }, '0.38'],
    ['{val_accuracy:.1f}', { val_accuracy: 0.25 }, '0.2'],
    ['{loss}', { loss: 1 }, '1.0'],
    ['{loss}', { loss: 0.5 }, '0.5'],
    ['{loss}', { loss: 1e-5 }, '1e-05'],
    ['{loss}', { loss: 0.1 + 0.2 }, '0.30000000000000004'],
    ['{loss:.3g}', { loss: 0.000123456 }, '0.000123'],
    ['{loss:.3g}', { loss: 1234.5 }, '1.23e+03'],
    ['{loss:g}', { loss: 0.5 }, '0.5'],
    ['{loss:.2e}', { loss: 0.00123 }, '1.23e-03'],
    ['{loss:.1%}', { loss: 0.9876 }, '98.8%'],
    ['{epoch:>5}|{epoch:<5}|{epoch:^5}|{epoch:*^6}', { epoch: 7 }, '    7|7    |  7  |**7***'],
    ['{epoch:+d} {loss:+.1f}', { epoch: 7, loss: -0.25 }, '+7 -0.2'],
    ['{epoch:,}', { epoch: 1234567 }, '1,234,567'],
    ['{{epoch}} {epoch}', { epoch: 2 }, '{epoch} 2'],
    ['{loss:08.3f}', { loss: -1.5 }, '-001.500'],
    ['{loss:.2f}', { loss: Number.NaN }, 'nan'],
    ['{loss}', { loss: Infinity }, 'inf'],
    ['ckpt/{epoch}', { epoch: 12, loss: 0.3 }, 'ckpt/12'],
  ])('%s with %o -> %s', (template, values, expected) => {
    expect(formatFilepath(template, values)).toBe(expected);
  });

  it('names a placeholder the logs do not have, as Keras does', () => {
    expect(() => formatFilepath('m-{val_acc:.2f}', { epoch: 1, loss: 0.5 })).toThrow(
      /Failed to format this callback filepath: "m-\{val_acc:.2f\}". Reason: 'val_acc' is not a logged value \(have: epoch, loss\)/,
    );
  });

  it("refuses 'd' for a float, and unbalanced braces, as Python does", () => {
    expect(() => formatFilepath('{loss:02d}', { loss: 1 })).toThrow(/Unknown format code 'd' for object of type 'float'/);
    expect(() => formatFilepath('{epoch', { epoch: 1 })).toThrow(/Single '\{'/);
    expect(() => formatFilepath('epoch}', { epoch: 1 })).toThrow(/Single '\}'/);
    expect(() => formatFilepath('{epoch:q}', { epoch: 1 })).toThrow(/invalid format specifier 'q'/);
  });
});
