import type * as tfl from '@tensorflow/tfjs-layers';
import { GraphEmitter, type GraphWeight } from './emit-graph.js';
import { foldSteps } from './fold-steps.js';
import { dims, dtype, shapeAttr, type GraphDef, type Signature } from './graph-def.js';
import { layerChain } from './layer-chain.js';
import { lowerLayer, type Shape } from './lower-layer.js';
import type { Step } from './steps.js';

export { UnsupportedLayerError } from './errors.js';
export type { GraphWeight } from './emit-graph.js';

export interface ConvertedGraph {
  graph: GraphDef;
  /** model.json's `signature`: the input and output by name, so the loader knows them for certain. */
  signature: Signature;
  weights: GraphWeight[];
  inputName: string;
  outputName: string;
  /** The steps the graph was emitted from, after folding (for tests and the summary). */
  steps: Step[];
}

export const INPUT_NAME = 'input';
export const OUTPUT_NAME = 'output';

/**
 * Converts a Keras-style layers model into a GraphDef that tfjs's graph executor runs — what
 * Python's tensorflowjs_converter would give for the same model, which tfjs itself has no JavaScript
 * path for. Conv2D and Dense become _FusedConv2D/_FusedMatMul with their bias and activation; a
 * batch norm right after one folds into its weights; dropout disappears. Any layer it cannot express
 * is an UnsupportedLayerError naming the layer and its class.
 */
export function layersToGraph(model: tfl.LayersModel): ConvertedGraph {
  const inputShape = model.inputs[0].shape as Shape;
  const lowered: Step[] = [];
  let shape = inputShape;
  for (const link of layerChain(model)) {
    lowered.push(...lowerLayer(link, shape));
    shape = link.layer.computeOutputShape(shape) as Shape;
  }
  const steps = foldSteps(lowered);

  const emitter = new GraphEmitter(INPUT_NAME, [OUTPUT_NAME]);
  for (const step of steps) emitter.emit(step);
  const outputShape = model.outputs[0].shape as Shape;
  const nodes = [
    { name: INPUT_NAME, op: 'Placeholder', attr: { dtype: dtype('DT_FLOAT'), shape: shapeAttr(inputShape) } },
    ...emitter.nodes,
    { name: OUTPUT_NAME, op: 'Identity', input: [emitter.output], attr: { T: dtype('DT_FLOAT') } },
  ];
  const signature: Signature = {
    inputs: { [INPUT_NAME]: { name: `${INPUT_NAME}:0`, dtype: 'DT_FLOAT', tensorShape: { dim: dims(inputShape) } } },
    outputs: { [OUTPUT_NAME]: { name: `${OUTPUT_NAME}:0`, dtype: 'DT_FLOAT', tensorShape: { dim: dims(outputShape) } } },
  };
  return { graph: { node: nodes, library: {}, versions: { producer: 1 } }, signature, weights: emitter.weights, inputName: INPUT_NAME, outputName: OUTPUT_NAME, steps };
}
