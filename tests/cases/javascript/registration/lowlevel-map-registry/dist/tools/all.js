import { registerTool } from "./registry.js";
import { ReadLogTool } from "./readLog.js";
import { PingTool } from "./ping.js";

registerTool(new ReadLogTool());
registerTool(new PingTool());
