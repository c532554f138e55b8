/**
 * Worker threads for data-parallel training, preprocessing and data-set generation. Fixed, not the
 * machine's core count: the order in which the workers' gradients are summed is part of the
 * arithmetic, so the same run gives the same model on any machine only with the same count. 2 uses
 * both cores of the machines this project is built and measured on (README: "Workers").
 */
export const DEFAULT_WORKERS = 2;
