export function writeRunConfig(options?: { modelDir?: string; name?: string; assets?: boolean; main?: string }): { path: string; servesPage: boolean };
