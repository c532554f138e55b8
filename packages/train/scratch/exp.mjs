import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { lenet } from '@inkling/core/architectures';
import { selectBackend } from '../dist/backend/index.js';
import { toGraphModel } from '../dist/export/index.js';
const info = await selectBackend('wasm'); console.log(info);
for (const shape of [[150,150,3],[48,48,1]]) {
const m = lenet({inputShape: shape});
const g = await toGraphModel(m);
const gm = await loadGraphModel(tf.io.fromMemory({modelTopology: g.modelJson.modelTopology, weightSpecs: g.weightSpecs, weightData: g.weightData.buffer}));
const x = tf.randomUniform([4, ...shape], 0, 1, 'float32', 1);
const a = m.predict(x); const b = gm.predict(x);
console.log(shape, a.dataSync(), b.dataSync(), tf.max(tf.abs(tf.sub(a,b))).dataSync()[0]);
}
