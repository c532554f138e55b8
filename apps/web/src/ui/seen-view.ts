/**
 * Draws the model's input (e.g. 32x32, as RGBA) onto `canvas`, scaled up with nearest-neighbour so
 * each input pixel is a crisp square, not a blur that hides what the model was really given.
 * With null pixels the canvas is cleared.
 */
export function showModelInput(canvas: HTMLCanvasElement, pixels: Uint8ClampedArray | null, size: readonly [number, number]): void {
  const [h, w] = size;
  const css = canvas.getBoundingClientRect().width || 96;
  const scale = Math.max(1, Math.ceil((css * (window.devicePixelRatio || 1)) / Math.max(w, h)));
  canvas.width = w * scale;
  canvas.height = h * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!pixels) return;
  const small = document.createElement('canvas');
  small.width = w;
  small.height = h;
  small.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(pixels), w, h), 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
}
