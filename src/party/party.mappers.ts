export interface SupplierMapper {
  id: string;
  name: string;
  location?: string | null;
  locationId?: string | null;
}

export interface CustomerMapper {
  id: string;
  name: string;
  location?: string | null;
  locationId?: string | null;
}
