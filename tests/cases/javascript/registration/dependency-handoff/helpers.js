const _ = require('lodash');
const { defineTools } = require('acme-mcp-kit');
exports.extra = defineTools(_.identity);
