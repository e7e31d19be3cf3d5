// mx-platform-node 1.8.2: the newest version with the tax-document methods; one MxPlatformApi class.
'use strict';
const { defineSuite } = require('./suite');

defineSuite('mx-platform-node 1.8.2', 'mx-platform-node-v1', (client, configuration) => {
  const api = new client.MxPlatformApi(configuration);
  const ops = new Proxy(api, {
    get(target, name) {
      if (name === 'holdingsType') return 'HoldingsResponseBody';
      if (name === 'holdingsRoot') return 'holdings';
      const method = target[name];
      return typeof method === 'function' ? method.bind(target) : method;
    },
  });
  return ops;
}, { taxDocuments: true });
