import { z } from "zod";
import { CollArgs, DbToolBase } from "./dbToolBase.js";
const CountArgs = {
    ...CollArgs,
    query: z.record(z.string(), z.unknown()).optional().describe("A filter for the documents to count"),
};
export class CountTool extends DbToolBase {
    constructor(server) {
        super(server);
        this.description = "Gets the number of documents in a collection";
    }
    argsShape() {
        return CountArgs;
    }
    async execute(args) {
        return this.text(`count in ${String(args.collection)}`);
    }
}
CountTool.toolName = "count";
CountTool.operationType = "read";
