// the automation agent forwarded from the device to a port of this machine
export class DeviceAgent {
  host;
  port;
  constructor(host, port) {
    this.host = host;
    this.port = port;
  }
  async status() {
    const response = await fetch(`http://${this.host}:${this.port}/status`);
    return response.json();
  }
  async orientation() {
    const response = await fetch(`http://${this.host}:${this.port}/orientation`, { method: "GET" });
    return (await response.json()).value;
  }
}
