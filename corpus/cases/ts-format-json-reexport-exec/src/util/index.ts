export { prettyPrint } from "./pretty.js";
export type { PrettyOptions } from "./pretty.js";
export * from "./minify.js";
