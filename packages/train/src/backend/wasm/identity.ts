import type { CastAttrs, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Identity and same-dtype Cast for the WASM backend without copying: the output shares the input's
 * data (one more reference), as the CPU backend does and as wasm's own Reshape already does. The
 * stock kernels copy the whole tensor, and the engine clones every tensor it saves for the backward
 * pass (three 90 MB copies per LeNet step at 150×150×3), and a ReLU gradient casts float32 to
 * float32. No kernel writes into its inputs, so sharing is safe.
 */
function share(x: TensorInfo, backend: BackendWasm): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export function makeIdentity(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    return x.dtype === 'string' ? stock(args) : share(x, args.backend as BackendWasm);
  };
}

export function makeCast(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { dtype } = args.attrs as unknown as CastAttrs;
    return x.dtype === dtype && dtype !== 'string' ? share(x, args.backend as BackendWasm) : stock(args);
  };
}
