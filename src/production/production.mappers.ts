export interface BatchMapper {
  code: string;
  producedAt: string;
}
