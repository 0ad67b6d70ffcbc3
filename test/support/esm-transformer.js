/**
 * Jest on Node 20 cannot require() ES modules, and NestJS 12 ships as ES modules.
 * This transformer lets SWC turn those packages into CommonJS for the test runtime only;
 * `import.meta.url` has no CommonJS meaning, so it becomes the file's own URL first.
 */
const { createTransformer } = require('@swc/jest');

function create(options) {
  const swc = createTransformer(options);
  const patch = (source) =>
    source.includes('import.meta.url') ? source.replace(/import\.meta\.url/g, "('file://' + __filename)") : source;
  return {
    ...swc,
    process: (source, path, config) => swc.process(patch(source), path, config),
    processAsync: (source, path, config) => swc.processAsync(patch(source), path, config),
    getCacheKey: (source, path, config) => swc.getCacheKey(patch(source), path, config),
  };
}

module.exports = { createTransformer: create };
