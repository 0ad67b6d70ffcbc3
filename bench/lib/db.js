'use strict';
/** Databases of a bench run: created fresh, cloned from the run's template, always dropped at the end. */
const { Client } = require('pg');

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const created = new Set();

function urlOf(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(run) {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const ident = (name) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return `"${name}"`;
};

/** A new empty database (or a copy of `template`); returns its URL. */
async function createDatabase(name, template) {
  await admin((c) => c.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`));
  created.add(name);
  return urlOf(name);
}

async function dropDatabase(name) {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
  created.delete(name);
}

/** Drops every database this process created and has not dropped yet (for the exit path). */
async function dropAllCreated() {
  for (const name of [...created].reverse()) {
    try {
      await dropDatabase(name);
    } catch (error) {
      console.error(`could not drop database ${name}: ${error.message}`);
    }
  }
}

/** Server pids of the backends connected to a database: their CPU is the database's share of a run. */
async function backendPids(name) {
  return admin(async (c) => {
    const { rows } = await c.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
    return rows.map((r) => r.pid);
  });
}

module.exports = { ADMIN_URL, urlOf, createDatabase, dropDatabase, dropAllCreated, backendPids };
