module.exports = { extra: require("./extra.json") };
