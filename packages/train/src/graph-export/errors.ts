/** A layer (or model structure) the graph exporter cannot express; the message names the layer and its class. */
export class UnsupportedLayerError extends Error {
  override readonly name = 'UnsupportedLayerError';
  constructor(
    readonly layerName: string,
    readonly className: string,
    reason = 'is not supported by the graph exporter',
  ) {
    super(`layer "${layerName}" (${className}) ${reason}`);
  }
}

/** A problem with what `inkling export` was asked to do (missing run, no model.json, bad card). */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}
