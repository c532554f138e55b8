export function writeRunConfig(options?: { modelDir?: string; name?: string; assets?: boolean }): { path: string; servesPage: boolean };
