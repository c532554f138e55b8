import type { AffineStep, LinearStep, Step, WeightValues } from './steps.js';

const at = (w: WeightValues, i: number) => (w.values.length === 1 ? w.values[0] : w.values[i]);

/**
 * conv/dense then a per-channel affine map (inference batch norm) is one conv/dense with a scaled
 * kernel and a new bias: (x ⊛ K + b) * s + o = x ⊛ (K * s) + (b * s + o), with s and o along the
 * output channels (the kernel's last axis).
 */
function foldAffine(linear: LinearStep, affine: AffineStep): LinearStep {
  const { kernel } = linear;
  const units = kernel.shape[kernel.shape.length - 1];
  const fits = (w: WeightValues) => w.values.length === 1 || w.values.length === units;
  if (!fits(affine.scale) || !fits(affine.offset)) throw new Error(`cannot fold ${affine.name} (${affine.scale.values.length} channels) into ${linear.name} (${units} units)`);
  const k = new Float32Array(kernel.values.length);
  for (let i = 0; i < k.length; i++) k[i] = kernel.values[i] * at(affine.scale, i % units);
  const b = new Float32Array(units);
  for (let c = 0; c < units; c++) b[c] = (linear.bias ? linear.bias.values[c] : 0) * at(affine.scale, c) + at(affine.offset, c);
  return { ...linear, kernel: { ...kernel, values: k }, bias: { shape: [units], dtype: 'float32', values: b } };
}

/**
 * Merges neighbouring steps the way TensorFlow's graph optimiser does before tfjs sees a graph:
 * a batch norm (or other affine map) straight after a conv/dense with no activation of its own folds
 * into its weights, and an activation straight after a conv/dense with no activation becomes that
 * op's activation (so conv → BN → ReLU is one _FusedConv2D). A batch norm after an activation cannot
 * fold and stays a Mul + Add.
 */
export function foldSteps(steps: readonly Step[]): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    const prev = out[out.length - 1];
    if (prev?.kind === 'linear' && prev.activation.kind === 'linear') {
      if (step.kind === 'affine') {
        out[out.length - 1] = foldAffine(prev, step);
        continue;
      }
      if (step.kind === 'activation') {
        out[out.length - 1] = { ...prev, activation: step.activation };
        continue;
      }
    }
    if (step.kind === 'activation' && step.activation.kind === 'linear') continue;
    out.push(step);
  }
  return out;
}
