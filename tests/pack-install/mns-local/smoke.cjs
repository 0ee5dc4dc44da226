// CommonJS consumer of the packed @vodmns/mns-local (require(esm), Node >= 20.19).
const { startMnsLocal } = require('@vodmns/mns-local');

startMnsLocal({ port: 0 })
  .then(async (server) => {
    const created = server.admin.createQueue('smoke');
    await server.close();
    if (created !== 'created') throw new Error(`createQueue returned ${created}`);
    console.log('mns-local cjs ok');
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
