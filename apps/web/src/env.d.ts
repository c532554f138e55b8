/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The edge API's origin when the page is not served by the same Worker (build time). */
  readonly VITE_INKLING_API?: string;
}
