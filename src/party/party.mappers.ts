export interface SupplierMapper {
  id: string;
  name: string;
  location?: string | null;
}

export interface CustomerMapper {
  id: string;
  name: string;
  location?: string | null;
}
