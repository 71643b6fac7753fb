const VOCAB = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua".split(" ");

let seed = 7;
function next() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

export function words(count) {
  const out = [];
  for (let i = 0; i < count; i++) out.push(VOCAB[Math.floor(next() * VOCAB.length)]);
  return out.join(" ");
}

export function paragraphs(count) {
  return Array.from({ length: count }, () => {
    const text = words(40 + Math.floor(next() * 40));
    return text[0].toUpperCase() + text.slice(1) + ".";
  });
}
