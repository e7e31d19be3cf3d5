'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');

module.exports = {
  title: 'connect widget URLs',
  define(ctx) {
    it('hands out one-time connect widget URLs in both shapes', async () => {
      const userGuid = await ctx.mx.newUser();
      const widget = (await ctx.api.requestWidgetURL({
        userGuid, widgetRequestBody: { widget_url: { widget_type: 'connect_widget', color_scheme: 'dark' } },
      })).data.widget_url;
      assert.equal(widget.type, 'connect_widget');
      assert.ok(widget.url.startsWith(`${ctx.server.basePath}/widget/connect/`), widget.url);
      // v20250224 removed POST .../connect_widget_url, MX's long-deprecated older shape.
      if (!ctx.current) {
        const legacy = (await ctx.api.requestConnectWidgetURL({
          userGuid, connectWidgetRequestBody: { config: { mode: 'aggregation' } },
        })).data.user;
        assert.equal(legacy.guid, userGuid);
        assert.ok(legacy.connect_widget_url.startsWith(`${ctx.server.basePath}/widget/connect/`));
        assert.notEqual(legacy.connect_widget_url, widget.url);
      }
      // What a browser does with the URL (not an API call): it opens once.
      assert.equal((await fetch(widget.url, { redirect: 'manual' })).status, 303);
      assert.equal((await fetch(widget.url, { redirect: 'manual' })).status, 410);
      await assert.rejects(ctx.api.requestWidgetURL({ userGuid, widgetRequestBody: { widget_url: {} } }),
        (e) => e.response.status === 422 && e.response.data.error.message.includes('widget_type'));
    });
  },
};
