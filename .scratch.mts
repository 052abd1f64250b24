import { createDb, createDriver } from './src/db/driver.js';
const db = createDb(createDriver({ uri: 'bolt://127.0.0.1:7699', user: 'neo4j', password: 'lotgraph-dev' }));
console.log(await db.run({ name: 'x', text: "SHOW PROCEDURES YIELD name WHERE name = 'lotgraph.trace' RETURN name" }));
console.log(await db.run({ name: 'x', text: "CALL lotgraph.trace('nope', null, 'forward', null, 1000) YIELD json RETURN json" }));
await db.close();
