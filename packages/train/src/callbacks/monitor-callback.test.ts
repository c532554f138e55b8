import { describe, expect, it } from 'vitest';
import type { Logs } from './logs.js';
import { finiteOrNull, isImprovement, MonitorCallback, resolveDirection, type MonitorArgs } from './monitor-callback.js';

class Probe extends MonitorCallback {
  constructor(args: MonitorArgs & { minDelta?: number } = {}) {
    super('Probe', args, { monitor: 'val_loss', minDelta: 0 });
  }
  value(logs: Logs): number | undefined {
    return this.monitorValue(logs, (available) => `Probe wants \`${this.monitor}\`. Available metrics are: ${available}`);
  }
}

describe('resolveDirection (Keras auto mode)', () => {
  it.each([
    ['loss', 'min'],
    ['val_loss', 'min'],
    ['val_binary_crossentropy', 'min'],
    ['mean_squared_error', 'min'],
    ['mse', 'min'],
    ['accuracy', 'max'],
    ['val_accuracy', 'max'],
    ['val_acc', 'max'],
    ['categorical_accuracy', 'max'],
    ['val_auc', 'max'],
    ['precision', 'max'],
  ])('%s -> %s', (monitor, expected) => {
    expect(resolveDirection(monitor, 'auto')).toBe(expected);
  });

  it('takes min and max as given', () => {
    expect(resolveDirection('val_accuracy', 'min')).toBe('min');
    expect(resolveDirection('val_loss', 'max')).toBe('max');
  });

  it('asks for a mode when the name says nothing', () => {
    expect(() => resolveDirection('val_widgets', 'auto', 'EarlyStopping')).toThrow(/EarlyStopping received monitor=val_widgets.*Pass mode 'max'/);
  });
});

describe('isImprovement', () => {
  it('needs to beat the reference by more than minDelta', () => {
    expect(isImprovement('min', 0.1, 0.85, 1)).toBe(true);
    expect(isImprovement('min', 0.1, 0.9, 1)).toBe(false);
    expect(isImprovement('max', 0.1, 1.15, 1)).toBe(true);
    expect(isImprovement('max', 0.1, 1.1, 1)).toBe(false);
    expect(isImprovement('max', -0.1, 1.05, 1)).toBe(false); // minDelta is taken as its absolute value
    expect(isImprovement('min', 0, 1, 1)).toBe(false); // equal is not better
  });

  it('anything but NaN improves on nothing; NaN never improves', () => {
    expect(isImprovement('min', 0, 1e9, null)).toBe(true);
    expect(isImprovement('max', 0, -1e9, undefined)).toBe(true);
    expect(isImprovement('min', 0, Number.NaN, null)).toBe(false);
    expect(isImprovement('max', 0, Number.NaN, 0)).toBe(false);
  });
});

describe('MonitorCallback', () => {
  it('falls back to auto with a warning on an unknown mode, as Keras', () => {
    const warnings: string[] = [];
    const probe = new Probe({ mode: 'sideways' as never, warn: (m) => warnings.push(m) });
    expect(probe.mode).toBe('auto');
    expect(warnings).toEqual(["Probe mode 'sideways' is unknown, fallback to auto mode."]);
  });

  it('warns once per message when the monitored metric is missing, and reads aliases', () => {
    const warnings: string[] = [];
    const probe = new Probe({ monitor: 'val_accuracy', warn: (m) => warnings.push(m) });
    expect(probe.value({ loss: 1, val_loss: 2 })).toBeUndefined();
    expect(probe.value({ loss: 1, val_loss: 2 })).toBeUndefined();
    expect(warnings).toEqual(['Probe wants `val_accuracy`. Available metrics are: loss,val_loss']);
    expect(probe.value({ val_acc: 0.75 })).toBe(0.75); // tfjs's name for the same metric
  });

  it('stores |minDelta| and refuses a non-finite one', () => {
    expect(new Probe({ minDelta: -0.5 }).minDelta).toBe(0.5);
    expect(() => new Probe({ minDelta: Number.NaN })).toThrow(/minDelta must be a finite number/);
  });

  it('finiteOrNull keeps JSON valid', () => {
    expect(finiteOrNull(Infinity)).toBeNull();
    expect(finiteOrNull(0.5)).toBe(0.5);
  });
});
