// Module types for the files wrangler's rules bundle (see wrangler.jsonc `rules`).

/** `CompiledWasm`: workerd compiles the module when it loads the script. */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}

/** `Data`: the file's bytes. */
declare module '*.bin' {
  const data: ArrayBuffer;
  export default data;
}
