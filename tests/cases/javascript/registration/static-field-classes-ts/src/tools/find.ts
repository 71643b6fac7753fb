import { z } from "zod";
import { CollArgs, DbToolBase } from "./dbToolBase.js";

export class FindTool extends DbToolBase {
    static toolName = "find";
    static operationType = "read" as const;

    public description = "Run a find query against a collection";

    protected argsShape() {
        return {
            ...CollArgs,
            filter: z.record(z.string(), z.unknown()).optional().describe("The query filter"),
            limit: z.number().int().default(10).describe("The maximum number of documents to return"),
        };
    }

    protected async execute(args: Record<string, unknown>) {
        return this.text(`find in ${String(args.collection)}`);
    }
}
