import { z } from "zod";
import { CollArgs, DbToolBase } from "./dbToolBase.js";
import type { ToolServer } from "../toolBase.js";

const CountArgs = {
    ...CollArgs,
    query: z.record(z.string(), z.unknown()).optional().describe("A filter for the documents to count"),
};

export class CountTool extends DbToolBase {
    static toolName = "count";
    static operationType = "read" as const;

    public description: string;

    constructor(server: ToolServer) {
        super(server);
        this.description = "Gets the number of documents in a collection";
    }

    protected argsShape() {
        return CountArgs;
    }

    protected async execute(args: Record<string, unknown>) {
        return this.text(`count in ${String(args.collection)}`);
    }
}
