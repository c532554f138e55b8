/** The backends a command can ask for; 'auto' tries them in order. Kept free of tfjs so the CLI starts fast. */
export const BACKEND_CHOICES = ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;
export const DEFAULT_BACKEND: BackendChoice = 'auto';
