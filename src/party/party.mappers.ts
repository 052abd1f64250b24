export interface SupplierMapper {
  id: string;
  name: string;
  location?: string | null;
  gln?: string | null;
  locationId?: string | null;
}

export interface CustomerMapper {
  id: string;
  name: string;
  location?: string | null;
  gln?: string | null;
  locationId?: string | null;
}
