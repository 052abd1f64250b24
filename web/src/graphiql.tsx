/**
 * GraphiQL, served from lotgraph's own assets: schema docs, completion, history, and a headers
 * editor that holds the key ("Authorization": "Bearer ..."), filled in from the log-in. Headers are
 * not persisted: the key stays in this tab's session only.
 */
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { createRoot } from 'react-dom/client';
import { storedKey } from './api.js';
import { $ } from './dom.js';
import { EXAMPLES } from './examples.js';
import { start } from './shell.js';

await start();
const headers = JSON.stringify({ Authorization: `Bearer ${storedKey()}` }, null, 2);
const fetcher = createGraphiQLFetcher({ url: `${location.origin}/graphql` });
createRoot($('#app')).render(
  <GraphiQL
    fetcher={fetcher}
    defaultHeaders={headers}
    shouldPersistHeaders={false}
    defaultEditorToolsVisibility="headers"
    defaultTabs={EXAMPLES.map(({ query }) => ({ query, headers }))}
  />,
);
