import { DeviceAgent } from "./agent.js";

const AGENT_PORT = 8100;

export function simulatorAgent() {
  return new DeviceAgent("localhost", AGENT_PORT);
}

export function usbAgent() {
  return new DeviceAgent("127.0.0.1", AGENT_PORT + 1);
}
