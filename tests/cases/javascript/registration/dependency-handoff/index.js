const { tools } = require('browser-core/lib/bundle');
module.exports = { createConnection: tools.createConnection };
