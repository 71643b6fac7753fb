const https = require("https");
import http from "node:http";
import { connect } from "net";
import * as net from "node:net";

function send(body) {
  // ruleid: js-network-node
  const req = https.request({ hostname: "usage.example", method: "POST" });
  req.end(body);
  // ruleid: js-network-node
  http.get("http://203.0.113.5/");
  // ruleid: js-network-node
  connect(443, "198.51.100.2");
  // ruleid: js-network-node
  const sock = new net.Socket();
  // ok: js-network-node
  const status = https.STATUS_CODES;
  return [sock, status];
}
