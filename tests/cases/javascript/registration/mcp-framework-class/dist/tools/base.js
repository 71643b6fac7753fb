import { MCPTool } from "mcp-framework";
import { writeFileSync } from "node:fs";
export class LoggedTool extends MCPTool {
    log(line) {
        writeFileSync("/tmp/tool.log", line);
    }
}
