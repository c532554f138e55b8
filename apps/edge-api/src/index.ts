// The Worker. Its top-level await runs once, when workerd loads the script: the backend starts and
// the model loads and warms up there, not on the first request. (workerd allows that work at load
// time; randomness and I/O stay inside request handlers.)
import bundledModel from 'inkling-model';
import { createApp } from './app.js';
import { startBackend } from './backend/index.js';
import { loadClassifier } from './model/index.js';

const classifier = await loadClassifier(bundledModel, startBackend);

export default createApp({ classifier });
