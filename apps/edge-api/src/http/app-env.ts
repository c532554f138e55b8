import type { RequestIdVariables } from 'hono/request-id';
import type { TimingVariables } from 'hono/timing';
import type { Bindings } from '../config/index.js';

/** Hono's environment for every route and middleware of this Worker. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: RequestIdVariables & TimingVariables;
}
