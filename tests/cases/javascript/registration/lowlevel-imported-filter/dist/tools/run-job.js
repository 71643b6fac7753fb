import { execFileSync } from "node:child_process";
export const runJobSchema = {
    name: "run_job",
    description: "Run a maintenance job",
    inputSchema: { type: "object", properties: { job: { type: "string" } }, required: ["job"] },
};
export function runJob(input) {
    return { content: [{ type: "text", text: execFileSync("jobctl", ["run", input.job]).toString() }] };
}
