'use strict';
const { it } = require('node:test');
const assert = require('node:assert/strict');

module.exports = {
  title: 'users',
  define(ctx) {
    it('creates, reads, updates and deletes a user', async () => {
      const id = `partner-${ctx.version.alias}-${ctx.accept}`;
      const created = (await ctx.api.createUser({ userCreateRequestBody: { user: { id, email: 'a@example.com' } } })).data.user;
      assert.match(created.guid, /^USR-/);
      assert.deepEqual([created.id, created.email, created.is_disabled, created.metadata], [id, 'a@example.com', false, null]);
      const read = (await ctx.api.readUser({ userGuid: created.guid })).data.user;
      assert.deepEqual(read, created);
      const updated = (await ctx.api.updateUser({
        userGuid: created.guid,
        userUpdateRequestBody: { user: { email: 'b@example.com', is_disabled: true, metadata: '{"tier":2}' } },
      })).data.user;
      assert.deepEqual([updated.guid, updated.email, updated.is_disabled, updated.metadata],
        [created.guid, 'b@example.com', true, '{"tier":2}']);
      const found = (await ctx.api.listUsers({ id })).data;
      assert.deepEqual(found.users.map((u) => u.guid), [created.guid]);
      assert.equal((await ctx.api.deleteUser({ userGuid: created.guid })).status, 204);
      await assert.rejects(ctx.api.readUser({ userGuid: created.guid }), (e) => e.response.status === 404);
    });

    it('lists users page by page', async () => {
      const before = (await ctx.api.listUsers({ page: 1, recordsPerPage: 10 })).data.pagination.total_entries;
      for (let i = 0; i < 12; i++) await ctx.mx.newUser();
      const total = before + 12;
      const pages = Math.ceil(total / 10);
      const last = (await ctx.api.listUsers({ page: pages, recordsPerPage: 10 })).data;
      assert.deepEqual(last.pagination, { current_page: pages, per_page: 10, total_entries: total, total_pages: pages });
      assert.equal(last.users.length, total - (pages - 1) * 10);
      const all = [];
      for (let page = 1; page <= pages; page++) {
        all.push(...(await ctx.api.listUsers({ page, recordsPerPage: 10 })).data.users.map((u) => u.guid));
      }
      assert.equal(new Set(all).size, total);
      const past = (await ctx.api.listUsers({ page: pages + 1, recordsPerPage: 10 })).data;
      assert.deepEqual([past.users, past.pagination.current_page, past.pagination.total_entries], [[], pages + 1, total]);
      assert.equal((await ctx.api.listUsers({ recordsPerPage: 500 })).data.pagination.per_page, 25);
    });
  },
};
