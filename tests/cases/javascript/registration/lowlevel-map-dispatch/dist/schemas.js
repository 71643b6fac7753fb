import { z } from "zod";
export const FetchArgs = z.object({ url: z.string().url().describe("Address to fetch") });
export const RunArgs = z.object({ command: z.string(), args: z.array(z.string()).optional() });
export const HashArgs = z.object({ text: z.string() });
