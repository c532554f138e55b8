import * as tfl from '@tensorflow/tfjs-layers';
import { UnsupportedLayerError } from './errors.js';

/** One layer of the flattened chain, with a graph-unique name (nested models prefix theirs). */
export interface ChainLink {
  layer: tfl.layers.Layer;
  name: string;
}

/** GraphDef node names: no ':' (it separates the output index) and nothing a name cannot hold. */
function sanitise(name: string): string {
  return name.replace(/[^A-Za-z0-9_./-]/g, '_');
}

function inboundLayerNames(layer: tfl.layers.Layer): string[][] {
  return layer.inboundNodes.map((node) => node.inboundLayers.map((l) => l.name));
}

/**
 * A functional model is exportable when it is a chain: one input, one output, and every layer fed
 * by exactly the layer listed before it. Branches, merges and shared layers are refused here rather
 * than exported in the wrong order.
 */
function checkChain(model: tfl.LayersModel): void {
  const layers = model.layers;
  for (let i = 1; i < layers.length; i++) {
    const inbound = inboundLayerNames(layers[i]);
    const previous = layers[i - 1].name;
    if (inbound.length !== 1 || inbound[0].length !== 1 || inbound[0][0] !== previous) {
      const from = inbound.map((names) => names.join(' + ')).join('; ') || 'nothing';
      throw new UnsupportedLayerError(layers[i].name, layers[i].getClassName(), `takes its input from ${from}, not from the layer before it ("${previous}"); only chains of layers can be exported`);
    }
  }
  const last = layers[layers.length - 1];
  if (last && model.outputLayers[0] !== last) {
    throw new UnsupportedLayerError(model.name, model.getClassName(), `has output layer "${model.outputLayers[0].name}", not its last layer "${last.name}"`);
  }
}

/**
 * The model's layers in the order they run, with the layers of nested models (e.g. a VGG16 base
 * inside a transfer model) spliced in. Input layers are left out: the graph has one Placeholder.
 */
export function layerChain(model: tfl.LayersModel, prefix = ''): ChainLink[] {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new UnsupportedLayerError(model.name, model.getClassName(), `has ${model.inputs.length} inputs and ${model.outputs.length} outputs; only one of each can be exported`);
  }
  if (!(model instanceof tfl.Sequential)) checkChain(model);
  const out: ChainLink[] = [];
  for (const layer of model.layers) {
    if (layer instanceof tfl.LayersModel) out.push(...layerChain(layer, `${prefix}${sanitise(layer.name)}/`));
    else if (layer.getClassName() !== 'InputLayer') out.push({ layer, name: `${prefix}${sanitise(layer.name)}` });
  }
  return out;
}
