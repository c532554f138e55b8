export function writeRunConfig(options?: { modelDir?: string; name?: string; assets?: boolean; main?: string; vars?: Record<string, string> }): { path: string; servesPage: boolean };
