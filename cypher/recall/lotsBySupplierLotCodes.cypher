// lotsBySupplierLotCodes: the lots received under each supplier lot code (a supplier calls about
// their lot, not ours), for DataLoader.
// Params:  $supplierLotCodes: [String]
// Returns: supplierLotCode, lot{.*}; one row per lot
UNWIND $supplierLotCodes AS supplierLotCode
MATCH (l:Lot {supplierLotCode: supplierLotCode})
RETURN supplierLotCode, l {.*} AS lot
ORDER BY l.receivedAt, l.code
