// Preloaded with `node --require` by tests: on exit, writes the ids of every module the process
// loaded to the file named by MODULE_TRACE_FILE (one per line).
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.MODULE_TRACE_FILE;
  if (file) writeFileSync(file, `${Object.keys(require.cache).join('\n')}\n`);
});
