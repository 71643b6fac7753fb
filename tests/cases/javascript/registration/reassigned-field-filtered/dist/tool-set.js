"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DocsToolSet = void 0;
const fs = require("fs");
const tools_1 = require("./tools");
const constants_1 = require("./constants");
const filter_tools_1 = require("./utils/filter-tools");
const case_transf_1 = require("./utils/case-transf");
class DocsToolSet {
    constructor(options) {
        // All Tools
        this.allTools = [];
        this.root = options.root;
        this.allTools = (0, filter_tools_1.filterTools)(tools_1.AllTools, constants_1.defaultToolNames);
    }
    getTools() {
        return this.allTools;
    }
    registerMcpServer(server) {
        for (const tool of this.allTools) {
            server.tool((0, case_transf_1.caseTransf)(tool.name), tool.description, tool.schema, async () => {
                const text = fs.readFileSync(this.root + "/" + tool.name, "utf8");
                return { content: [{ type: "text", text }] };
            });
        }
    }
}
exports.DocsToolSet = DocsToolSet;
