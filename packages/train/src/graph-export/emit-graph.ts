import { bool, constNode, dtype, float, int, intList, str, strList, type NodeDef } from './graph-def.js';
import type { Activation, ActivationKind, LinearStep, Step, WeightValues } from './steps.js';

/** A Const node's name and its values, in the order the weights manifest lists them. */
export interface GraphWeight extends WeightValues {
  name: string;
}

/** Activations tfjs's fused conv/matmul kernels apply themselves (all backends: cpu, wasm, webgl). */
const FUSED: Partial<Record<ActivationKind, string>> = { relu: 'Relu', relu6: 'Relu6', elu: 'Elu', leakyrelu: 'LeakyRelu', sigmoid: 'Sigmoid' };
/** The op of each activation when it stands alone. */
const STANDALONE: Record<Exclude<ActivationKind, 'linear'>, string> = { relu: 'Relu', relu6: 'Relu6', elu: 'Elu', leakyrelu: 'LeakyRelu', sigmoid: 'Sigmoid', tanh: 'Tanh', softmax: 'Softmax' };

const T = dtype('DT_FLOAT');

/** Builds the GraphDef nodes of a chain of steps, starting from the node `input`. */
export class GraphEmitter {
  readonly nodes: NodeDef[] = [];
  readonly weights: GraphWeight[] = [];
  private current: string;
  private readonly used = new Set<string>();

  /** `reserved`: names the caller adds itself (the input Placeholder, the output Identity). */
  constructor(input: string, reserved: readonly string[] = []) {
    this.current = input;
    for (const name of [input, ...reserved]) this.used.add(name);
  }

  /** The node whose output is the chain's output so far. */
  get output(): string {
    return this.current;
  }

  private unique(name: string): string {
    let n = name;
    for (let i = 1; this.used.has(n); i++) n = `${name}_${i}`;
    this.used.add(n);
    return n;
  }

  private weight(name: string, w: WeightValues): string {
    const unique = this.unique(name);
    this.nodes.push(constNode(unique, w.shape, w.dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT'));
    this.weights.push({ name: unique, ...w });
    return unique;
  }

  private op(name: string, op: string, inputs: string[], attr: NodeDef['attr']): void {
    const unique = this.unique(name);
    this.nodes.push({ name: unique, op, input: [this.current, ...inputs], attr });
    this.current = unique;
  }

  private activation(name: string, a: Activation): void {
    if (a.kind === 'linear') return;
    const attr: NodeDef['attr'] = { T };
    if (a.kind === 'leakyrelu') attr.alpha = float(a.alpha ?? 0.3);
    this.op(`${name}/${STANDALONE[a.kind]}`, STANDALONE[a.kind], [], attr);
  }

  /**
   * Conv2D/Dense. With a bias it is one _FusedConv2D/_FusedMatMul carrying BiasAdd and, when the
   * fused kernels support it, the activation (the form the Python converter produces). Without a
   * bias it is a plain Conv2D/MatMul: the fused ops read their first fused op as the bias.
   */
  private linear(step: LinearStep): void {
    const { name, activation } = step;
    const kernel = this.weight(`${name}/kernel`, step.kernel);
    const fusedActivation = FUSED[activation.kind];
    const attr: NodeDef['attr'] = { T };
    if (step.op === 'conv2d' && step.conv) {
      const { strides, dilations, padding } = step.conv;
      Object.assign(attr, {
        strides: intList([1, strides[0], strides[1], 1]),
        padding: str(padding),
        data_format: str('NHWC'),
        dilations: intList([1, dilations[0], dilations[1], 1]),
      });
    } else {
      Object.assign(attr, { transpose_a: bool(false), transpose_b: bool(false) });
    }
    const base = step.op === 'conv2d' ? 'Conv2D' : 'MatMul';
    if (!step.bias) {
      this.op(`${name}/${base}`, base, [kernel], attr);
      this.activation(name, activation);
      return;
    }
    const bias = this.weight(`${name}/bias`, step.bias);
    const fusedOps = fusedActivation ? ['BiasAdd', fusedActivation] : ['BiasAdd'];
    Object.assign(attr, { fused_ops: strList(fusedOps), num_args: int(1), epsilon: float(0) });
    if (activation.kind === 'leakyrelu') attr.leakyrelu_alpha = float(activation.alpha ?? 0.3);
    this.op(`${name}/${base}`, `_Fused${base}`, [kernel, bias], attr);
    if (!fusedActivation) this.activation(name, activation);
  }

  emit(step: Step): void {
    switch (step.kind) {
      case 'linear':
        this.linear(step);
        break;
      case 'affine': {
        const scale = this.weight(`${step.name}/scale`, step.scale);
        this.op(`${step.name}/mul`, 'Mul', [scale], { T });
        if (step.offset.values.some((v) => v !== 0)) {
          const offset = this.weight(`${step.name}/offset`, step.offset);
          this.op(`${step.name}/add`, 'AddV2', [offset], { T });
        }
        break;
      }
      case 'activation':
        this.activation(step.name, step.activation);
        break;
      case 'pool':
        this.op(`${step.name}/${step.op}`, step.op, [], {
          T,
          ksize: intList([1, step.size[0], step.size[1], 1]),
          strides: intList([1, step.strides[0], step.strides[1], 1]),
          padding: str(step.padding),
          data_format: str('NHWC'),
        });
        break;
      case 'reduce': {
        const axes = this.weight(`${step.name}/reduction_indices`, { shape: [step.axes.length], dtype: 'int32', values: Int32Array.from(step.axes) });
        this.op(`${step.name}/${step.op}`, step.op, [axes], { T, Tidx: dtype('DT_INT32'), keep_dims: bool(false) });
        break;
      }
      case 'reshape': {
        const shape = this.weight(`${step.name}/shape`, { shape: [step.shape.length], dtype: 'int32', values: Int32Array.from(step.shape) });
        this.op(`${step.name}/Reshape`, 'Reshape', [shape], { T, Tshape: dtype('DT_INT32') });
        break;
      }
    }
  }
}
