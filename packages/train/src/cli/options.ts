import { InvalidArgumentError, Option } from 'commander';
import { BACKEND_CHOICES, DEFAULT_BACKEND } from '../backend/choices.js';

/** --backend, the same for every command. */
export function backendOption(): Option {
  return new Option('--backend <name>', 'where tfjs runs; auto tries tensorflow (tfjs-node), then webgpu (a real GPU only), then wasm, then cpu').choices(BACKEND_CHOICES).default(DEFAULT_BACKEND);
}

export function parseIntOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`"${value}" is not a whole number`);
  return n;
}

export function parsePositiveInt(value: string): number {
  const n = parseIntOption(value);
  if (n <= 0) throw new InvalidArgumentError(`"${value}" must be greater than 0`);
  return n;
}

/** "150x150x3" -> [150, 150, 3] */
export function parseShape(value: string): [number, number, number] {
  const parts = value.toLowerCase().split('x').map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isInteger(p) || p <= 0)) {
    throw new InvalidArgumentError(`"${value}" is not a shape like 150x150x3`);
  }
  return parts as [number, number, number];
}
