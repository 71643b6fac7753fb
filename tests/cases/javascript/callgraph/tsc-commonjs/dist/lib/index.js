"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.save = exports.download = void 0;
var net_js_1 = require("./net.js");
Object.defineProperty(exports, "download", { enumerable: true, get: function () { return net_js_1.download; } });
const promises_1 = require("fs/promises");
function save(dest, body) {
    return (0, promises_1.writeFile)(dest, body);
}
exports.save = save;
