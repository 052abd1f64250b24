// constraints: uniqueness constraints and the indexes traces and look-ups filter on.
// Applied at start-up, in order, one statement per `;`-terminated block; each is idempotent.
CREATE CONSTRAINT lot_code IF NOT EXISTS FOR (l:Lot) REQUIRE l.code IS UNIQUE;
CREATE CONSTRAINT batch_code IF NOT EXISTS FOR (b:Batch) REQUIRE b.code IS UNIQUE;
CREATE CONSTRAINT supplier_id IF NOT EXISTS FOR (s:Supplier) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT customer_id IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT shipment_id IF NOT EXISTS FOR (s:Shipment) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT adjustment_id IF NOT EXISTS FOR (a:Adjustment) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT recall_id IF NOT EXISTS FOR (r:Recall) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT location_id IF NOT EXISTS FOR (l:Location) REQUIRE l.id IS UNIQUE;
CREATE CONSTRAINT product_sku IF NOT EXISTS FOR (p:Product) REQUIRE p.sku IS UNIQUE;
CREATE CONSTRAINT product_gtin IF NOT EXISTS FOR (p:Product) REQUIRE p.gtin IS UNIQUE;
CREATE INDEX lot_received_at IF NOT EXISTS FOR (l:Lot) ON (l.receivedAt);
CREATE INDEX shipped_to_shipped_at IF NOT EXISTS FOR ()-[r:SHIPPED_TO]-() ON (r.shippedAt);
CREATE INDEX lot_product_sku IF NOT EXISTS FOR (l:Lot) ON (l.productSku);
CREATE INDEX lot_supplier_lot_code IF NOT EXISTS FOR (l:Lot) ON (l.supplierLotCode);
CREATE INDEX lot_status IF NOT EXISTS FOR (l:Lot) ON (l.status);
CREATE INDEX batch_produced_at IF NOT EXISTS FOR (b:Batch) ON (b.producedAt);
CREATE INDEX shipment_shipped_at IF NOT EXISTS FOR (s:Shipment) ON (s.shippedAt);
CREATE INDEX shipped_to_shipment_id IF NOT EXISTS FOR ()-[r:SHIPPED_TO]-() ON (r.shipmentId);
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE;
CREATE CONSTRAINT audit_record_id IF NOT EXISTS FOR (a:AuditRecord) REQUIRE a.id IS UNIQUE;
CREATE INDEX audit_record_at IF NOT EXISTS FOR (a:AuditRecord) ON (a.at);
CREATE INDEX audit_record_key_id IF NOT EXISTS FOR (a:AuditRecord) ON (a.keyId);
CREATE INDEX audit_record_operation IF NOT EXISTS FOR (a:AuditRecord) ON (a.operation);
CREATE CONSTRAINT spreadsheet_import_id IF NOT EXISTS FOR (i:SpreadsheetImport) REQUIRE i.id IS UNIQUE;
CREATE INDEX spreadsheet_import_at IF NOT EXISTS FOR (i:SpreadsheetImport) ON (i.at);
CREATE CONSTRAINT import_mapping_name IF NOT EXISTS FOR (m:ImportMapping) REQUIRE m.name IS UNIQUE;
