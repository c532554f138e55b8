/** A successful `POST /classify` answer, as the edge API sends it. */
export interface ClassifyResponse {
  label: string;
  probability: number;
  scores: Record<string, number>;
  uncertain: boolean;
  reason?: string;
  model: { name: string; version: string };
  input: { width: number; height: number };
  backend?: string;
}

export interface ApiError {
  code: string;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isProbability = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

/**
 * Checks an answer's shape by hand (a schema library would triple the page's own script for six
 * fields); returns null for anything that is not a complete answer, so the caller can fall back.
 */
export function parseClassifyResponse(json: unknown): ClassifyResponse | null {
  if (!isRecord(json)) return null;
  const { label, probability, scores, uncertain, reason, model, input, backend } = json;
  if (typeof label !== 'string' || !isProbability(probability) || typeof uncertain !== 'boolean') return null;
  if (!isRecord(scores) || !Object.values(scores).every(isProbability) || !(label in scores)) return null;
  if (!isRecord(model) || typeof model.name !== 'string' || typeof model.version !== 'string') return null;
  if (!isRecord(input) || typeof input.width !== 'number' || typeof input.height !== 'number') return null;
  if (reason !== undefined && typeof reason !== 'string') return null;
  if (backend !== undefined && typeof backend !== 'string') return null;
  return {
    label,
    probability,
    scores: scores as Record<string, number>,
    uncertain,
    ...(reason === undefined ? {} : { reason }),
    model: { name: model.name, version: model.version },
    input: { width: input.width, height: input.height },
    ...(backend === undefined ? {} : { backend }),
  };
}

/** The `{ error: { code, message } }` body of a refusal, or null when the body is something else. */
export function parseApiError(json: unknown): ApiError | null {
  if (!isRecord(json) || !isRecord(json.error)) return null;
  const { code, message } = json.error;
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}
