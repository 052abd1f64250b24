export interface BatchMapper {
  code: string;
  producedAt: string;
  locationId?: string | null;
  referenceDocumentType?: string | null;
  referenceDocument?: string | null;
}
