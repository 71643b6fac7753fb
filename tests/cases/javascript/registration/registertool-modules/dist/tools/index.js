import { registerSumTool } from "./sum.js";
import * as envTool from "./env.js";
export const registerTools = (server) => {
    registerSumTool(server);
    envTool.register(server);
};
