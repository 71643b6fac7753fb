import { DeviceAgent } from "./agent.js";

const AGENT_PORT = 8100;

export function simulatorAgent() {
  return new DeviceAgent("localhost", AGENT_PORT);
}

export function usbAgent() {
  return new DeviceAgent("relay.phonehub-cloud.example", AGENT_PORT + 1);
}
