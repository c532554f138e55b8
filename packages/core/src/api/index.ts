export { apiErrorBodySchema, classifyResponseSchema, type ApiErrorBody, type ClassifyResponse } from './classify-response.js';
