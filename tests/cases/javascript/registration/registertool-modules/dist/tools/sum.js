import { z } from "zod";
const SumSchema = z.object({
    a: z.number().describe("First number"),
    b: z.number().describe("Second number").default(0),
});
const name = "get-sum";
const config = {
    title: "Get Sum Tool",
    description: "Returns the sum of two numbers",
    inputSchema: SumSchema,
    annotations: { readOnlyHint: true, openWorldHint: false },
};
export const registerSumTool = (server) => {
    server.registerTool(name, config, async (args) => {
        const v = SumSchema.parse(args);
        return { content: [{ type: "text", text: `${v.a + v.b}` }] };
    });
};
