/** The demo's questions (its bakery data), ready-made in GraphiQL's tabs. */
export const EXAMPLES: { title: string; query: string }[] = [
  { title: 'Which batch did the cookies come from?', query: `# Which batch did the cookies come from?\nquery CookieBatch {\n  lot(code: "COOKIE-0302-A") {\n    productName\n    producedBy { code producedAt }\n  }\n}\n` },
  { title: 'What went into that batch?', query: `# What went into that batch?\nquery WhatWentIn {\n  traceBackward(lotCode: "COOKIE-0302-A") {\n    lots { depth lot { code productName supplierLotCode supplier { name } } }\n  }\n}\n` },
  { title: 'Who else received product from it?', query: `# Who else received product from it?\nquery WhoElseReceivedIt {\n  traceForward(batchCode: "B-COOKIE-0302") {\n    customers { id name location }\n    shipmentLines { shipment { id shippedAt } lot { code } quantity { amount unit } }\n  }\n}\n` },
  { title: 'Who am I?', query: `# Who am I, and what may this key do?\nquery WhoAmI {\n  me { name role allowed }\n  health { status neo4j version }\n}\n` },
];
