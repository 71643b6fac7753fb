import { z } from "zod";
import { CollArgs, DbToolBase } from "./dbToolBase.js";
export class FindTool extends DbToolBase {
    constructor() {
        super(...arguments);
        this.description = "Run a find query against a collection";
    }
    argsShape() {
        return {
            ...CollArgs,
            filter: z.record(z.string(), z.unknown()).optional().describe("The query filter"),
            limit: z.number().int().default(10).describe("The maximum number of documents to return"),
        };
    }
    async execute(args) {
        return this.text(`find in ${String(args.collection)}`);
    }
}
FindTool.toolName = "find";
FindTool.operationType = "read";
