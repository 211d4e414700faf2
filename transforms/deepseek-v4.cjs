// jscodeshift entry point: `npx jscodeshift -t transforms/deepseek-v4.cjs src/`.
// jscodeshift loads transforms with require(), so this file is CommonJS; the transform
// itself is the ESM build that ds-migrate runs (npm run build creates dist/).
// Options: --target=flash|pro --thinking-param=thinking|thinking_mode
module.exports = async function transformer(file, _api, options) {
  const { transformSource } = await import("../dist/transforms/js-ts/standalone.js");
  return transformSource(file.source, file.path, options);
};
module.exports.parser = "tsx";
