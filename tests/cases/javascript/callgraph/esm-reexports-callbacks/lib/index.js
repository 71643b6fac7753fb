export * from "./impl.js";
export { chain as promiseChain } from "./impl.js";
