import { LoggedTool } from "./base.js";
import { z } from "zod";
export default class EchoTool extends LoggedTool {
    name = "echo";
    description = "Echo a message";
    schema = { message: { type: z.string(), description: "Message" } };
    async execute(input) {
        this.log(input.message);
        return input.message;
    }
}
