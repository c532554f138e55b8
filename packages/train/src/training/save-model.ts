import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { writeFileAtomic, writeJsonAtomic } from '../util/atomic.js';

/** Saves a layers model as `dir/model.json` + `dir/weights.bin` (weights first, each file atomically). */
export async function saveLayersModel(model: tfl.LayersModel, dir: string, includeOptimizer = false): Promise<{ bytes: number; weightData: Uint8Array }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer },
  );
  if (!artifacts?.weightData || !artifacts.weightSpecs) throw new Error('the model produced no weights to save');
  const weightData = new Uint8Array(tf.io.concatenateArrayBuffers(Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData]));
  const json: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
    format: 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: null,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
  };
  await writeFileAtomic(join(dir, 'weights.bin'), weightData);
  const text = JSON.stringify(json);
  await writeFileAtomic(join(dir, 'model.json'), text);
  return { bytes: weightData.byteLength + text.length, weightData };
}
