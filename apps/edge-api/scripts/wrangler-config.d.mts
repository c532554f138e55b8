export function stripJsonComments(text: string): string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wrangler's config is free-form JSON here
export function readWranglerConfig(path: string): any;
