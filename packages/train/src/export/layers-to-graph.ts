import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { constNode, dtype, int, intList, shapeAttr, str, strList, type GraphDef, type NodeDef } from './graph-def.js';

export class UnsupportedLayerError extends Error {
  override readonly name = 'UnsupportedLayerError';
}

/** One weight of the graph: a Const node's name and its values. */
export interface GraphWeight {
  name: string;
  tensor: tf.Tensor;
}

export interface ConvertedGraph {
  graph: GraphDef;
  weights: GraphWeight[];
  inputName: string;
  outputName: string;
}

const FUSABLE_ACTIVATIONS: Record<string, string> = { relu: 'Relu', sigmoid: 'Sigmoid', elu: 'Elu', relu6: 'Relu6' };

/** A layer with the nested layers of sub-models flattened into one chain. */
function flattenLayers(model: tfl.LayersModel): tfl.layers.Layer[] {
  const out: tfl.layers.Layer[] = [];
  for (const layer of model.layers) {
    const nested = (layer as unknown as { layers?: tfl.layers.Layer[] }).layers;
    if (Array.isArray(nested)) out.push(...flattenLayers(layer as unknown as tfl.LayersModel));
    else out.push(layer);
  }
  return out;
}

function activationName(config: tf.serialization.ConfigDict): string {
  const act = config.activation;
  return typeof act === 'string' ? act : 'linear';
}

/**
 * Converts a chain of Keras layers into a GraphDef that tfjs's graph executor runs, with Conv2D and
 * Dense fused with their bias and activation (_FusedConv2D, _FusedMatMul) as the Python converter
 * does. Dropout disappears (inference only). Any other layer is an UnsupportedLayerError naming it.
 */
export function layersToGraph(model: tfl.LayersModel): ConvertedGraph {
  const nodes: NodeDef[] = [];
  const weights: GraphWeight[] = [];
  const inputShape = model.inputs[0].shape;
  const inputName = 'input';
  nodes.push({ name: inputName, op: 'Placeholder', attr: { dtype: dtype('DT_FLOAT'), shape: shapeAttr(inputShape) } });
  let current = inputName;

  const addWeight = (name: string, tensor: tf.Tensor) => {
    nodes.push(constNode(name, tensor.shape, tensor.dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT'));
    weights.push({ name, tensor });
  };

  const addActivation = (name: string, activation: string) => {
    if (activation === 'linear') return;
    const op = activation === 'softmax' ? 'Softmax' : FUSABLE_ACTIVATIONS[activation];
    if (!op) throw new UnsupportedLayerError(`activation "${activation}" in layer ${name} is not supported by the graph exporter`);
    nodes.push({ name: `${name}/${op}`, op, input: [current], attr: { T: dtype('DT_FLOAT') } });
    current = `${name}/${op}`;
  };

  for (const layer of flattenLayers(model)) {
    const className = layer.getClassName();
    const config = layer.getConfig();
    const name = layer.name;
    switch (className) {
      case 'InputLayer':
      case 'Dropout':
        break;
      case 'Conv2D':
      case 'Dense': {
        const [kernel, bias] = layer.getWeights();
        const activation = activationName(config);
        const fused = FUSABLE_ACTIVATIONS[activation];
        addWeight(`${name}/kernel`, kernel);
        const args = [current, `${name}/kernel`];
        const fusedOps: string[] = [];
        if (bias) {
          addWeight(`${name}/bias`, bias);
          args.push(`${name}/bias`);
          fusedOps.push('BiasAdd');
        }
        if (fused) fusedOps.push(fused);
        const op = className === 'Conv2D' ? '_FusedConv2D' : '_FusedMatMul';
        const opName = `${name}/${className === 'Conv2D' ? 'Conv2D' : 'MatMul'}`;
        const attr: NodeDef['attr'] = { T: dtype('DT_FLOAT'), fused_ops: strList(fusedOps), num_args: int(bias ? 1 : 0), epsilon: { f: 0 } };
        if (className === 'Conv2D') {
          const strides = config.strides as number[];
          const dilations = config.dilationRate as number[] | number;
          const dil = Array.isArray(dilations) ? dilations : [dilations, dilations];
          if (config.dataFormat === 'channelsFirst') throw new UnsupportedLayerError(`layer ${name} is channelsFirst; only channelsLast is supported`);
          Object.assign(attr, {
            strides: intList([1, strides[0], strides[1], 1]),
            padding: str(String(config.padding).toUpperCase()),
            data_format: str('NHWC'),
            dilations: intList([1, dil[0], dil[1], 1]),
          });
        } else {
          Object.assign(attr, { transpose_a: { b: false }, transpose_b: { b: false } });
        }
        nodes.push({ name: opName, op, input: args, attr });
        current = opName;
        if (!fused) addActivation(name, activation);
        break;
      }
      case 'MaxPooling2D':
      case 'AveragePooling2D': {
        const pool = config.poolSize as number[];
        const strides = (config.strides as number[] | null) ?? pool;
        const op = className === 'MaxPooling2D' ? 'MaxPool' : 'AvgPool';
        nodes.push({
          name: `${name}/${op}`,
          op,
          input: [current],
          attr: {
            T: dtype('DT_FLOAT'),
            ksize: intList([1, pool[0], pool[1], 1]),
            strides: intList([1, strides[0], strides[1], 1]),
            padding: str(String(config.padding).toUpperCase()),
            data_format: str('NHWC'),
          },
        });
        current = `${name}/${op}`;
        break;
      }
      case 'Flatten': {
        const outShape = layer.outputShape as (number | null)[];
        addWeight(`${name}/shape`, tf.tensor1d([-1, outShape[1] as number], 'int32'));
        nodes.push({ name: `${name}/Reshape`, op: 'Reshape', input: [current, `${name}/shape`], attr: { T: dtype('DT_FLOAT') } });
        current = `${name}/Reshape`;
        break;
      }
      case 'Activation':
        addActivation(name, activationName(config));
        break;
      default:
        throw new UnsupportedLayerError(`layer "${name}" (${className}) is not supported by the graph exporter`);
    }
  }
  nodes.push({ name: 'output', op: 'Identity', input: [current], attr: { T: dtype('DT_FLOAT') } });
  return { graph: { node: nodes, library: {}, versions: { producer: 1 } }, weights, inputName, outputName: 'output' };
}
